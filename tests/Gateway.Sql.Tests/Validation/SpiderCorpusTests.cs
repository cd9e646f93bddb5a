using Gateway.Sql.Policy;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation;

/// <summary>
/// The Spider gold queries (SQLite-flavoured, from <c>shared/spider/</c>) as a corpus of real analytical SQL: every
/// one that SQLite itself accepts must be allowed, capped, and stable under re-validation. Runs where the shared
/// folder is laid beside the repository (developer machines and CI).
/// </summary>
public sealed class SpiderCorpusTests
{
    /// <summary>Gold queries SQLite itself rejects (ORDER BY/LIMIT before INTERSECT); the validator must reject them too.</summary>
    private static readonly HashSet<string> InvalidInSqlite =
    [
        "SELECT document_name FROM documents GROUP BY document_type_code ORDER BY count(*) DESC LIMIT 3 INTERSECT SELECT document_name FROM documents GROUP BY document_structure_code ORDER BY count(*) DESC LIMIT 3",
    ];

    [Theory]
    [InlineData("dev_gold.sql")]
    [InlineData("train_gold.sql")]
    public void Gold_queries_are_allowed_in_sqlite(string file)
    {
        // The shared data sits beside every clone (CI lays it there); its absence is a broken set-up, not a pass.
        var path = FindShared(Path.Combine("spider", file));
        Assert.True(path is not null, $"../shared/spider/{file} not found beside the repository.");

        var policy = new SqlPolicy { MaxRows = 1000 };
        var failures = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            var sql = line.Split('\t')[0];
            if (sql.Length == 0)
            {
                continue;
            }

            var verdict = Validate("sqlite", sql, policy);
            if (verdict.Allowed == InvalidInSqlite.Contains(sql.Trim()))
            {
                failures.Add($"{verdict.Rule}: {verdict.Message}\n  {sql}");
                continue;
            }

            if (verdict.Allowed && Validate("sqlite", verdict.Sql!, policy).Sql != verdict.Sql)
            {
                failures.Add($"unstable rewrite: {verdict.Sql}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static string? FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", relative), Path.Combine(dir.FullName, "..", "shared", relative) })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
