using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Microsoft.Data.Sqlite;

namespace Gateway.Context.Tests.Linking;

/// <summary>
/// A real SQLite file with 30 tables: students and courses joined only through enrollments (whose columns are
/// foreign keys), departments behind courses, and 26 tables of unrelated business (fleet, payroll, catering...).
/// </summary>
internal static class CampusSchema
{
    public static readonly string[] Unrelated =
    [
        "warehouse_bins", "payroll_runs", "payslips", "vehicles", "maintenance_logs", "fuel_cards", "parking_permits",
        "cafeteria_menus", "menu_items", "suppliers", "purchase_orders", "invoices", "invoice_lines", "shipments",
        "carriers", "assets", "asset_audits", "it_tickets", "ticket_comments", "software_licenses", "rooms",
        "room_bookings", "visitors", "badges", "security_incidents", "cleaning_shifts",
    ];

    public static async Task<SchemaModel> CreateAsync(string path)
    {
        var source = new SourceDescriptor
        {
            Name = "campus",
            Provider = SourceProvider.Sqlite,
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString,
        };
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Ddl();
            await command.ExecuteNonQueryAsync();
        }

        return await new SchemaIntrospector().ReadAsync(source);
    }

    private static string Ddl()
    {
        var ddl = new System.Text.StringBuilder("""
            CREATE TABLE departments (id INTEGER PRIMARY KEY, label TEXT NOT NULL, building TEXT);
            CREATE TABLE students (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, enrolled_year INTEGER, email TEXT);
            CREATE TABLE courses (id INTEGER PRIMARY KEY, title TEXT NOT NULL, credits INTEGER, department_id INTEGER REFERENCES departments(id));
            CREATE TABLE enrollments (student_id INTEGER NOT NULL REFERENCES students(id), course_id INTEGER NOT NULL REFERENCES courses(id), grade TEXT, PRIMARY KEY (student_id, course_id));
            INSERT INTO courses (id, title, credits) VALUES (1, 'Linear Algebra', 6), (2, 'Organic Chemistry', 6), (3, 'Medieval History', 3);

            """);
        string? previous = null;
        foreach (var table in Unrelated)
        {
            // Each unrelated table points at the one before, so they form their own connected web.
            var reference = previous is null ? string.Empty : $", {previous}_id INTEGER REFERENCES {previous}(id)";
            ddl.Append($"CREATE TABLE {table} (id INTEGER PRIMARY KEY, code TEXT, notes TEXT, amount REAL, updated_at TEXT{reference});\n");
            previous = table;
        }

        return ddl.ToString();
    }
}
