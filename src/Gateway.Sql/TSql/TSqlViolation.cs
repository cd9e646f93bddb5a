using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>A broken rule and the fragment that broke it; turned into a <see cref="SqlVerdict"/> against the input text.</summary>
internal sealed record TSqlViolation(string Rule, string Message, TSqlFragment Fragment)
{
    /// <summary>Rejections quote at most this many characters of the offending text.</summary>
    public const int MaxFragmentLength = 80;

    public SqlVerdict ToVerdict(string sql) =>
        SqlVerdict.Reject(Rule, Message, Fragment.StartOffset, Snippet(sql, Fragment.StartOffset, Fragment.FragmentLength));

    public static string Snippet(string sql, int offset, int length)
    {
        offset = Math.Clamp(offset, 0, sql.Length);
        return sql.Substring(offset, Math.Clamp(length, 0, Math.Min(MaxFragmentLength, sql.Length - offset)));
    }
}
