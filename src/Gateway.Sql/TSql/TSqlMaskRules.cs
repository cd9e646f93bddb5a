using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Masked columns may only be returned, never used: a reference that resolves to one (see
/// <see cref="TSqlColumnLookup"/>) is allowed only as a plain item of the outermost SELECT (no alias, or an alias equal
/// to its own name), and a <c>*</c> that could include one only in that select list, so that the result column keeps
/// the name the executor masks by. Anywhere else the query would compute with the real values. Once one is returned,
/// DISTINCT, ORDER BY position and FOR XML/JSON are refused too: they compare, sort or re-encode the values.
/// </summary>
internal sealed class TSqlMaskRules
{
    private const string Advice = "a masked column may only be listed as a plain column of the outermost SELECT";

    private readonly TSqlColumnLookup _masked;

    public TSqlMaskRules(SqlPolicy policy)
    {
        _masked = new TSqlColumnLookup(policy.MaskedColumns);
    }

    public bool IsEmpty => _masked.IsEmpty;

    public TSqlViolation? Check(SelectStatement root, IReadOnlyList<TSqlQueryScope> scopes)
    {
        if (IsEmpty)
        {
            return null;
        }

        var outermost = root.QueryExpression as QuerySpecification;
        var permitted = PlainItems(outermost);
        var exposed = new HashSet<TSqlFragment>();
        string? returned = null;
        foreach (var scope in scopes)
        {
            foreach (var column in scope.Columns)
            {
                if (_masked.Find(scope, column, scopes) is not { } entry)
                {
                    continue;
                }

                if (!permitted.Contains(column))
                {
                    var name = TSqlIdentifiers.Name(column.MultiPartIdentifier.Identifiers[^1]);
                    return new(RuleIds.ColumnMasked, $"The masked column {name} ({entry}) is used to compute the result, which would reveal its values; {Advice}.", column);
                }

                returned ??= entry;
                exposed.Add(column);
            }

            foreach (var star in scope.Stars)
            {
                if (_masked.FindInStar(TSqlColumnLookup.StarTables(scope, star, scopes)) is not var (entry, table))
                {
                    continue;
                }

                if (!permitted.Contains(star))
                {
                    return new(RuleIds.ColumnMasked, $"* over {table} would use the masked column {entry} outside the outermost select list, which would reveal its values; list the columns instead, leaving it out.", star);
                }

                returned ??= entry;
                exposed.Add(star);
            }

            foreach (var call in scope.WildcardCalls)
            {
                if (_masked.FindInStar(scope.Tables) is var (entry, table))
                {
                    return new(RuleIds.ColumnMasked, $"{call.FunctionName.Value}(*) over {table} reads the masked column {entry}, which would reveal its values.", call);
                }
            }
        }

        return returned is null || outermost is null ? null : CheckShape(outermost, exposed, returned);
    }

    /// <summary>The outermost select list's plain column items and stars: the only places a masked column may appear.</summary>
    private static HashSet<TSqlFragment> PlainItems(QuerySpecification? outermost)
    {
        var items = new HashSet<TSqlFragment>();
        foreach (var element in outermost?.SelectElements ?? [])
        {
            switch (element)
            {
                case SelectStarExpression star:
                    items.Add(star);
                    break;
                case SelectScalarExpression { Expression: ColumnReferenceExpression { MultiPartIdentifier: { } name } column } scalar
                    when scalar.ColumnName is null
                        || string.Equals(scalar.ColumnName.Value, name.Identifiers[^1].Value, StringComparison.OrdinalIgnoreCase):
                    items.Add(column);
                    break;
            }
        }

        return items;
    }

    /// <summary>DISTINCT compares the returned values, ORDER BY n sorts by them unnamed, FOR XML/JSON returns them re-encoded under another name.</summary>
    private static TSqlViolation? CheckShape(QuerySpecification outermost, HashSet<TSqlFragment> exposed, string entry)
    {
        if (outermost.UniqueRowFilter == UniqueRowFilter.Distinct)
        {
            return new(RuleIds.ColumnMasked, $"SELECT DISTINCT compares the values of the masked column {entry}, which would reveal which are equal; drop DISTINCT or the column.", outermost);
        }

        if (outermost.ForClause is { } forClause)
        {
            return new(RuleIds.ColumnMasked, $"FOR XML/JSON returns the masked column {entry} inside one encoded column, where it cannot be masked; drop the FOR clause.", forClause);
        }

        var items = outermost.SelectElements;
        var hasStar = items.Any(item => item is SelectStarExpression);
        foreach (var order in outermost.OrderByClause?.OrderByElements ?? [])
        {
            if (order.Expression is not Literal literal)
            {
                continue;
            }

            var position = literal is IntegerLiteral && int.TryParse(literal.Value, out var at) ? at : 0;
            if (hasStar || position < 1 || position > items.Count
                || items[position - 1] is SelectScalarExpression { Expression: var expression } && exposed.Contains(expression))
            {
                return new(RuleIds.ColumnMasked, $"ORDER BY {literal.Value} sorts by position, which could be the masked column {entry} and would reveal its order; sort by a named column instead.", literal);
            }
        }

        return null;
    }
}
