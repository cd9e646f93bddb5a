using CsCheck;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

/// <summary>Row capping over generated benign queries: whatever shape it takes, the result validates again unchanged.</summary>
public sealed class TSqlRowCapPropertyTests
{
    private static readonly SqlPolicy CapOf100 = SqlPolicyLoader.LoadDefault() with { MaxRows = 100 };

    private static readonly Gen<string> BenignQuery =
        Gen.Select(
                Gen.OneOf("", "WITH c AS (SELECT a FROM t) "),
                Gen.OneOf("", "DISTINCT ", "ALL "),
                // No WITH TIES: without its own ORDER BY (easy to generate inside a UNION) it is not T-SQL at all.
                Gen.OneOf("", "TOP 5 ", "TOP (5000) ", "TOP 10 PERCENT "),
                Gen.OneOf("a", "a, b", "*", "x.a /* note */"),
                Gen.OneOf(" FROM t AS x", " FROM t AS x JOIN u ON u.id = x.id -- join\n"),
                Gen.OneOf("", " WHERE a > 1"),
                Gen.OneOf("", " UNION ALL SELECT a FROM v", " EXCEPT SELECT 1"),
                Gen.OneOf("", " ORDER BY a", " ORDER BY 1 OFFSET 2 ROWS", " ORDER BY 1 OFFSET 0 ROWS FETCH NEXT 50000 ROWS ONLY"))
            .Select((cte, unique, top, list, from, where, setOperation, order) =>
                $"{cte}SELECT {unique}{top}{list}{from}{where}{setOperation}{order}");

    [Fact]
    public void Capped_query_validates_again_to_itself() =>
        BenignQuery.Sample(sql =>
        {
            var first = Validate(sql, CapOf100);
            if (!first.Allowed)
            {
                // Some combinations are not T-SQL (TOP with OFFSET); nothing else may reject a benign query.
                Assert.Equal(RuleIds.ParseError, first.Rule);
                return;
            }

            var second = Validate(first.Sql!, CapOf100);

            Assert.True(second.Allowed, $"{first.Sql} => {second.Rule}: {second.Message}");
            Assert.Equal(first.Sql, second.Sql);
        }, iter: 400);
}
