using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Demo;

/// <summary>One business question about the demo database with its gold SQL (SQLite) and its difficulty.</summary>
/// <param name="Notes">Why the gold SQL is written as it is (definitions, SQLite-only functions), when that helps.</param>
public sealed record DemoQuestion(string Id, string Question, string Sql, SpiderHardness Hardness, string? Notes);
