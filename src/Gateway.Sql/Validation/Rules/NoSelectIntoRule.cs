using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>No SELECT ... INTO (a new table in PostgreSQL; files or variables in MySQL).</summary>
internal sealed class NoSelectIntoRule : IQueryRule
{
    public string Id => RuleIds.SelectInto;

    public RuleViolation? Check(RuleContext context)
    {
        var intos = context.Analysis.Intos;
        if (intos.Count == 0)
        {
            return null;
        }

        var into = intos[0];
        var what = into.Kind switch
        {
            IntoKind.Outfile => "writes a file on the server (INTO OUTFILE)",
            IntoKind.Dumpfile => "writes a file on the server (INTO DUMPFILE)",
            IntoKind.Variables => "assigns session variables (INTO @var)",
            _ => $"creates the table {into.Table?.Name} (SELECT INTO)",
        };
        return context.Violation(Id, $"The query {what}; only reads are allowed.", into);
    }
}
