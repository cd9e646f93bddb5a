using System.Globalization;
using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// What the outermost query does with the columns it returns, once a masked column is among them: DISTINCT compares
/// their values (the row count reveals which are equal), and ORDER BY / GROUP BY by position (<c>ORDER BY 2</c>)
/// sorts or groups by them without naming them. Behind a star the positions are unknown, so every position is
/// refused there.
/// </summary>
internal static class MaskedResultShape
{
    public static RuleViolation? Check(RuleContext context, OutermostProjection output, IReadOnlySet<SqlNode> exposed, string entry)
    {
        var id = RuleIds.ColumnMasked;
        if (output.Select is { Quantifier: SetQuantifier.Distinct } distinct)
        {
            return context.Violation(id, $"SELECT DISTINCT compares the values of the masked column {entry}, which would reveal which are equal; drop DISTINCT or the column.", distinct);
        }

        IReadOnlyList<SqlNode> items = output.Select is { } select
            ? [.. select.Items.Select(item => (SqlNode)item.Expression)]
            : output.Query?.Body is TableBody table ? [table] : [];
        var hasStar = items.Any(item => item is StarExpression or TableBody);
        var positional = (output.Query?.OrderBy.Select(item => item.Expression) ?? [])
            .Concat((output.Select?.GroupBy?.Items ?? []).SelectMany(GroupingElements));
        foreach (var expression in positional)
        {
            if (!IsPosition(expression, out var position))
            {
                continue;
            }

            if (hasStar || position is not { } at || at < 1 || at > items.Count || exposed.Contains(items[(int)at - 1]))
            {
                return context.Violation(id, $"Sorting or grouping by position {expression.TextIn(context.Sql)} could use the masked column {entry}, which would reveal its values; sort or group by a named column instead.", expression);
            }
        }

        return null;
    }

    /// <summary>The expressions of a GROUP BY item, inside ROLLUP, CUBE and GROUPING SETS too (positions may be used there).</summary>
    private static IEnumerable<Expression> GroupingElements(Expression item)
    {
        var pending = new Stack<Expression>();
        pending.Push(item);
        while (pending.Count > 0)
        {
            var expression = pending.Pop();
            IReadOnlyList<Expression> inner = expression switch
            {
                RollupExpression rollup => rollup.Items,
                CubeExpression cube => cube.Items,
                GroupingSetsExpression sets => sets.Sets,
                RowExpression row => row.Items,
                _ => [],
            };
            if (inner.Count == 0)
            {
                yield return expression;
            }

            foreach (var element in inner)
            {
                pending.Push(element);
            }
        }
    }

    /// <summary>
    /// A constant number in ORDER BY / GROUP BY, which the engines read as a select-list position. The position is
    /// null when it is not a plain whole number (<c>-1</c>, <c>1.5</c>, hex): the engines differ there, so it fails closed.
    /// </summary>
    private static bool IsPosition(Expression expression, out long? position)
    {
        position = null;
        var inner = expression is UnaryExpression unary ? unary.Operand : expression;
        if (inner is not Literal { Kind: LiteralKind.Number or LiteralKind.HexNumber } literal)
        {
            return false;
        }

        if (ReferenceEquals(inner, expression) && literal.Kind == LiteralKind.Number
            && long.TryParse(literal.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            position = value;
        }

        return true;
    }
}
