using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

public sealed class TSqlTableRulesTests
{
    [Fact]
    public void Denied_table_is_rejected_wherever_it_appears()
    {
        var policy = Uncapped() with { DeniedTables = Names("payroll") };

        AssertRejected("SELECT * FROM payroll", RuleIds.TableDenied, 14, policy);
        AssertRejected("SELECT * FROM hr.payroll AS p", RuleIds.TableDenied, 14, policy);
        AssertRejected("SELECT a FROM t WHERE a IN (SELECT a FROM [payroll])", RuleIds.TableDenied, 42, policy);
        AssertAllowed("SELECT * FROM payrolls", policy);
    }

    [Fact]
    public void Qualified_deny_entry_also_catches_the_unqualified_name()
    {
        var policy = Uncapped() with { DeniedTables = Names("hr.payroll") };

        AssertRejected("SELECT * FROM payroll", RuleIds.TableDenied, 14, policy);
        AssertAllowed("SELECT * FROM sales.payroll", policy);
    }

    [Fact]
    public void Allow_list_admits_only_listed_tables()
    {
        var policy = Uncapped() with { AllowedTables = Names("sales.orders", "customers") };

        AssertAllowed("SELECT o.id FROM sales.orders o JOIN customers c ON c.id = o.customer_id", policy);
        AssertAllowed("SELECT id FROM dbo.customers", policy);
        AssertRejected("SELECT * FROM sales.refunds", RuleIds.TableNotAllowed, 14, policy);
        AssertRejected("SELECT * FROM orders", RuleIds.TableNotAllowed, 14, policy);
        AssertRejected("SELECT * FROM otherdb.sales.orders", RuleIds.TableNotAllowed, 14, policy);
    }

    [Fact]
    public void Cte_and_derived_names_are_not_tables_for_the_allow_list()
    {
        var policy = Uncapped() with { AllowedTables = Names("orders") };

        AssertAllowed("WITH recent AS (SELECT id FROM orders) SELECT r.id FROM recent r JOIN (SELECT id FROM orders) d ON d.id = r.id", policy);
    }
}
