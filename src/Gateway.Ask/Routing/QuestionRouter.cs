using System.Text.RegularExpressions;

namespace Gateway.Ask.Routing;

/// <summary>What a question is after, as far as routing is concerned.</summary>
public enum QuestionIntent
{
    /// <summary>Something the data answers: goes to SQL generation.</summary>
    Data,
    Greeting,
    Thanks,
    Identity,
    Capabilities,

    /// <summary>The data's structure: which tables, which columns, how they relate.</summary>
    Structure,
}

/// <summary>
/// The route stage: rules first, in English, each a pattern over the whole question. Structure questions ("what
/// tables...", "which columns does orders have", "describe customers") go to the schema; greetings, thanks, "who are
/// you" and "what can I ask" are conversation; everything else is a data question. The rules err towards
/// <see cref="QuestionIntent.Data"/>: a data question misrouted to chat loses the answer, the reverse only costs a query.
/// </summary>
public sealed partial class QuestionRouter
{
    public QuestionIntent Classify(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = Normalize(question);
        if (text.Length == 0)
        {
            return QuestionIntent.Capabilities;
        }

        if (Structure().IsMatch(text))
        {
            return QuestionIntent.Structure;
        }

        if (Identity().IsMatch(text))
        {
            return QuestionIntent.Identity;
        }

        if (Capabilities().IsMatch(text))
        {
            return QuestionIntent.Capabilities;
        }

        if (Greeting().IsMatch(text))
        {
            return QuestionIntent.Greeting;
        }

        return Thanks().IsMatch(text) ? QuestionIntent.Thanks : QuestionIntent.Data;
    }

    public static AskRoute RouteOf(QuestionIntent intent) => intent switch
    {
        QuestionIntent.Data => AskRoute.Data,
        QuestionIntent.Structure => AskRoute.Structure,
        _ => AskRoute.Conversation,
    };

    public static string ToName(QuestionIntent intent) => intent switch
    {
        QuestionIntent.Data => "data",
        QuestionIntent.Greeting => "greeting",
        QuestionIntent.Thanks => "thanks",
        QuestionIntent.Identity => "identity",
        QuestionIntent.Capabilities => "capabilities",
        QuestionIntent.Structure => "structure",
        _ => throw new ArgumentOutOfRangeException(nameof(intent)),
    };

    /// <summary>Lower case, single spaces, no trailing punctuation: the form the patterns are written against.</summary>
    private static string Normalize(string question) =>
        Spaces().Replace(question.Trim().ToLowerInvariant(), " ").TrimEnd('?', '!', '.', ' ');

    [GeneratedRegex(@"^(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day))( there| gateway| everyone| all)?[ ,!.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(thanks|thank you|thx|cheers|great|ok|okay|perfect|nice)( (so|very) much| a lot| again)?[ ,!.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Thanks();

    [GeneratedRegex(@"\b(who|what) are you\b|\bwhat is your name\b|\bare you (a bot|a human|an ai|human|real)\b|\bintroduce yourself\b|\bwho (made|built) you\b", RegexOptions.CultureInvariant)]
    private static partial Regex Identity();

    [GeneratedRegex(@"\bwhat (can|could|should|may) (i|we) ask\b|\bwhat can you do\b|\bwhat do you do\b|\bhow (do|can|should) (i|we) use (you|this)\b|\bwhat (kind|kinds|sort|sorts|type|types) of questions\b|\bwhich questions\b|\bexample questions?\b|^help( me)?$|^(get|getting) started$|\bwhere (do|should) i start\b", RegexOptions.CultureInvariant)]
    private static partial Regex Capabilities();

    // Anchored forms only: "what is the total in the orders table" must stay a data question.
    [GeneratedRegex(
        @"^(hi,? |hello,? )?(so )?(what|which|list|show( me)?|name|give me|tell me)( are| is)?( all)?( of)?( the| your)?( available| existing)? (tables|table names|columns|fields|views|schemas?)\b" +
        @"|^(what|which) (tables?|columns?|fields?) (are|is|do|does|exist|can)\b" +
        @"|\b(tables?|columns?|fields?) (are there|do you have|are available|exist|does it have|does the database have)\b" +
        @"|^(describe|explain) (the )?(schema|database|data model|tables?\b|\w+ table$)" +
        @"|^describe \w+$" +
        @"|\b(columns?|fields?) (of|in|does) (the )?\w+( table)?( have| contain)?$" +
        @"|^what (data|information) (do you have|is (there|available)|does (it|this|the database) (hold|contain|have))" +
        @"|^how (are|is) (the )?(tables?|\w+ and \w+) (related|connected|linked|joined)\b" +
        @"|\b(database|db) (schema|structure)\b|^schema$|^what('s| is) in (the|this) (database|db)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Structure();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
