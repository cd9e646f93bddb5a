using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Tests.Spider.Matching;

[Collection(SpiderDataGroup.Name)]
public sealed class HardnessClassifierTests(SpiderDataFixture data)
{
    // Each case worked out by hand from eval_hardness: component1 (where, group, order, limit, joins, or, like),
    // component2 (nested queries, set operations) and others (>1 aggregation, >1 select column, >1 where condition, >1 group column).
    [Theory]
    [InlineData("SELECT count(*) FROM singer", SpiderHardness.Easy)] // dev 0: nothing
    [InlineData("SELECT DISTINCT country FROM singer WHERE age  >  20", SpiderHardness.Easy)] // dev 8: c1 = 1
    [InlineData("SELECT name ,  country ,  age FROM singer ORDER BY age DESC", SpiderHardness.Medium)] // dev 2: c1 = 1, others = 1
    [InlineData("SELECT count(*) FROM concert WHERE YEAR  =  2014 OR YEAR  =  2015", SpiderHardness.Medium)] // dev 20: c1 = 2 (where, or), others = 1
    [InlineData("SELECT name ,  country FROM singer WHERE song_name LIKE '%Hey%'", SpiderHardness.Medium)] // dev 39: c1 = 2 (where, like), others = 1
    [InlineData("SELECT YEAR FROM concert GROUP BY YEAR ORDER BY count(*) DESC LIMIT 1", SpiderHardness.Hard)] // dev 26: c1 = 3, others = 0
    [InlineData("SELECT name FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert)", SpiderHardness.Hard)] // dev 28: c1 = 1, c2 = 1
    [InlineData("SELECT country FROM singer WHERE age  >  40 INTERSECT SELECT country FROM singer WHERE age  <  30", SpiderHardness.Hard)] // dev 30: c1 = 1, c2 = 1
    [InlineData("SELECT T2.name ,  T2.capacity FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  T2.stadium_id WHERE T1.year  >=  2014 GROUP BY T2.stadium_id ORDER BY count(*) DESC LIMIT 1", SpiderHardness.Extra)] // dev 24: c1 = 5
    [InlineData("SELECT T2.name ,  T2.location FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  T2.stadium_id WHERE T1.Year  =  2014 INTERSECT SELECT T2.name ,  T2.location FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  T2.stadium_id WHERE T1.Year  =  2015", SpiderHardness.Extra)] // dev 41: c1 = 2, c2 = 1, others = 1
    public async Task Classifies_dev_examples_as_worked_out_by_hand(string sql, SpiderHardness expected)
    {
        var parsed = await data.ParseAsync("concert_singer", sql);

        Assert.Equal(expected, HardnessClassifier.Classify(parsed));
    }

    [Theory]
    [InlineData("department_management", "SELECT count(*) FROM head WHERE age  >  56", SpiderHardness.Easy)] // train 0: c1 = 1
    [InlineData("farm", "SELECT Status FROM city GROUP BY Status ORDER BY COUNT(*) ASC", SpiderHardness.Medium)] // train 45: c1 = 2, others = 0
    [InlineData("student_assessment", "SELECT T2.first_name ,  T2.last_name FROM candidates AS T1 JOIN people AS T2 ON T1.candidate_id = T2.person_id", SpiderHardness.Medium)] // train 60: c1 = 1 (join), others = 1
    [InlineData("student_assessment", "SELECT student_id FROM student_course_registrations UNION SELECT student_id FROM student_course_attendance", SpiderHardness.Hard)] // train 100: c2 = 1
    public async Task Classifies_train_examples_as_worked_out_by_hand(string dbId, string sql, SpiderHardness expected)
    {
        var parsed = await data.ParseAsync(dbId, sql);

        Assert.Equal(expected, HardnessClassifier.Classify(parsed));
    }

    [Fact]
    public async Task A_not_condition_counts_as_an_aggregation_as_in_spider()
    {
        var parsed = await data.ParseAsync("concert_singer", "SELECT count(*) FROM singer WHERE country NOT IN (SELECT country FROM singer)");

        // count(*) plus the NOT condition make two "aggregations", so others = 1.
        Assert.Equal(1, HardnessClassifier.CountOthers(parsed));
    }
}
