namespace Gateway.Execution.Demo;

/// <summary>Fixed word lists the generator draws names from; changing them changes the data set (bump the schema version).</summary>
internal static class DemoVocabulary
{
    public static IReadOnlyList<(string Name, string Country, int Weight)> Regions { get; } =
    [
        ("Northeast", "United States", 18),
        ("Southeast", "United States", 15),
        ("Midwest", "United States", 14),
        ("West", "United States", 20),
        ("Ontario", "Canada", 8),
        ("British Isles", "United Kingdom", 10),
        ("DACH", "Germany", 9),
        ("Nordics", "Sweden", 6),
    ];

    public static IReadOnlyList<string> FirstNames { get; } =
    [
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo",
        "Isabella", "Levi", "Chloé", "Søren", "Zoë", "José", "Aiko", "Ravi", "Fatima", "Wei", "Ingrid", "Jürgen",
        "Priya", "Kwame", "Lena", "Diego", "Hana", "Omar", "Nora", "Ethan", "Grace", "Henry", "Ella", "Jack",
    ];

    public static IReadOnlyList<string> LastNames { get; } =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martínez", "Lopez", "Wilson",
        "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Müller", "Schmidt", "Andersson",
        "O'Brien", "Nguyen", "Patel", "Kim", "Tanaka", "Okafor", "Rossi", "Dubois", "Novak", "Silva", "Clarke",
    ];

    public static IReadOnlyList<string> CompanyWords { get; } =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Cyberdyne",
        "Tyrell", "Wonka", "Gringotts", "Oscorp", "Aperture", "Massive", "Dunder", "Pied Piper",
    ];

    public static IReadOnlyList<string> CompanySuffixes { get; } = ["Inc.", "LLC", "GmbH", "Ltd", "AB", "Co."];

    /// <summary>Category name, description (null for some), price range in cents, and the nouns its products use.</summary>
    public static IReadOnlyList<(string Name, string? Description, int MinCents, int MaxCents, string[] Nouns)> Categories { get; } =
    [
        ("Electronics", "Phones, audio and accessories.", 1999, 89999, ["Headphones", "Speaker", "Charger", "Tablet", "Smartwatch", "Camera"]),
        ("Computers", "Laptops, monitors and peripherals.", 2499, 189999, ["Laptop", "Monitor", "Keyboard", "Mouse", "Dock", "SSD"]),
        ("Home & Kitchen", "Cookware and small appliances.", 999, 29999, ["Blender", "Kettle", "Pan", "Knife Set", "Toaster", "Mixer"]),
        ("Furniture", null, 4999, 149999, ["Desk", "Chair", "Bookshelf", "Sofa", "Lamp", "Table"]),
        ("Sports & Outdoors", "Gear for training and trips.", 1499, 59999, ["Tent", "Backpack", "Yoga Mat", "Bike Helmet", "Dumbbells", "Jacket"]),
        ("Books", "Print and e-books.", 599, 6999, ["Novel", "Cookbook", "Atlas", "Biography", "Guide", "Anthology"]),
        ("Toys & Games", "For all ages.", 799, 19999, ["Puzzle", "Board Game", "Building Set", "Doll", "Drone", "Card Game"]),
        ("Beauty", null, 499, 12999, ["Serum", "Shampoo", "Perfume", "Face Cream", "Lipstick", "Hair Dryer"]),
        ("Grocery", "Pantry staples and snacks.", 199, 4999, ["Coffee", "Tea", "Olive Oil", "Chocolate", "Granola", "Honey"]),
        ("Garden", "Tools, seeds and outdoor furniture.", 699, 79999, ["Hose", "Planter", "Shears", "Grill", "Lounger", "Seeds"]),
    ];

    public static IReadOnlyList<string> ProductAdjectives { get; } =
    [
        "Classic", "Pro", "Eco", "Ultra", "Compact", "Deluxe", "Smart", "Travel", "Premium", "Essential", "Nordic",
        "Urban", "Max", "Mini", "Signature", "Everyday",
    ];
}
