using Gateway.Model.TextToSql;

namespace Gateway.Model.Tests.TextToSql;

public sealed class ValueCandidateTests : IDisposable
{
    private readonly ConcertDatabase _database = new();
    private readonly PointerExampleBuilder _builder = new();

    public void Dispose() => _database.Dispose();

    private Task<BuiltExample> BuildAsync(string question, string? gold = null) =>
        _builder.BuildAsync(ConcertDatabase.Schema, _database.Path, question, gold, CancellationToken.None);

    [Fact]
    public async Task A_cell_value_the_question_mentions_is_a_candidate_with_its_column()
    {
        var example = (await BuildAsync("Which singers come from france?")).Example;

        var cell = Assert.Single(example.Values, v => v.Source == ValueSource.DatabaseCell && v.Text == "France");
        Assert.Equal(ConcertDatabase.Columns.Country, cell.ColumnIndex);
        Assert.Equal("france", example.QuestionWords[cell.StartWord]);
    }

    [Fact]
    public async Task A_multi_word_cell_is_found_from_the_question_span_that_spells_it()
    {
        var example = (await BuildAsync("How many concerts were held at hampden park?")).Example;

        Assert.Contains(example.Values, v => v.Source == ValueSource.DatabaseCell && v.Text == "Hampden Park" && v.ColumnIndex == ConcertDatabase.Columns.StadiumName);
    }

    [Fact]
    public async Task A_plural_in_the_question_finds_the_singular_cell()
    {
        var example = (await BuildAsync("List the concerts called super bootcamps")).Example;

        Assert.Contains(example.Values, v => v.Source == ValueSource.DatabaseCell && v.Text == "Super bootcamp");
    }

    [Fact]
    public async Task Numbers_number_words_quoted_phrases_and_the_constant_one_are_candidates()
    {
        var example = (await BuildAsync("Show the top three singers older than 40 in \"Week 1 special\"")).Example;

        Assert.Contains(example.Values, v => v is { Text: "40", IsNumber: true, Source: ValueSource.QuestionSpan });
        Assert.Contains(example.Values, v => v is { Text: "3", IsNumber: true, Source: ValueSource.QuestionSpan });
        Assert.Contains(example.Values, v => v is { Text: "Week 1 special", Source: ValueSource.QuestionSpan });
        Assert.Contains(example.Values, v => v is { Text: "1", Source: ValueSource.Constant });
    }

    [Fact]
    public async Task The_gold_query_becomes_the_target_pointing_at_the_cell_with_the_databases_spelling()
    {
        var built = await BuildAsync("How many singers are from france?", "SELECT count(*) FROM singer WHERE country = 'France'");

        Assert.Null(built.TargetFailure);
        var value = Assert.Single(built.Example.Target!, a => a.Kind == SqlActionKind.Value);
        Assert.Equal("France", built.Example.Values[value.Index].Text);
        Assert.Equal("SELECT COUNT(*) FROM singer WHERE country = 'France'", SqlRenderer.Render(built.Example, built.Example.Target!));
        Assert.Equal(["3"], _database.Rows(SqlRenderer.Render(built.Example, built.Example.Target!)));
    }

    [Fact]
    public async Task A_gold_literal_the_question_does_not_give_leaves_the_target_empty_and_says_why()
    {
        var built = await BuildAsync("How many singers are there?", "SELECT count(*) FROM singer WHERE country = 'Spain'");

        Assert.Null(built.Example.Target);
        Assert.Equal("value-missing", built.TargetFailure?.Kind);
    }

    [Fact]
    public async Task The_values_of_a_short_code_column_are_offered_though_the_question_never_spells_them()
    {
        var built = await BuildAsync("How many female singers are there?", "SELECT count(*) FROM singer WHERE is_male = 'F'");

        Assert.Contains(built.Example.Values, v => v is { Text: "F", Source: ValueSource.Constant, ColumnIndex: ConcertDatabase.Columns.IsMale });
        Assert.Null(built.TargetFailure);
        Assert.Equal(["1"], _database.Rows(SqlRenderer.Render(built.Example, built.Example.Target!)));
    }

    [Fact]
    public async Task A_column_of_many_distinct_values_is_not_a_code_column()
    {
        var example = (await BuildAsync("How many singers are there?")).Example;

        Assert.DoesNotContain(example.Values, v => v.ColumnIndex == ConcertDatabase.Columns.Country);
    }

    [Theory]
    [InlineData("colleges with more than 15,000 students", "15000")]
    [InlineData("districts with 2,000,000 residents", "2000000")]
    [InlineData("teachers of the fifth grade", "5")]
    public void Numbers_written_with_thousands_separators_or_as_ordinals_are_number_candidates(string question, string number)
    {
        var values = ValueCandidates.Build(question, QuestionWords.Split(question), DatabaseValueIndex.Empty, new ValueCandidateOptions());

        Assert.Contains(values, v => v.Text == number && v.IsNumber);
    }

    [Fact]
    public void An_abbreviation_is_offered_with_its_final_period()
    {
        const string question = "Which professors have a Ph.D. degree?";

        var values = ValueCandidates.Build(question, QuestionWords.Split(question), DatabaseValueIndex.Empty, new ValueCandidateOptions());

        Assert.Contains(values, v => v.Text == "Ph.D.");
        Assert.Contains(values, v => v.Text == "Ph.D");
    }

    [Fact]
    public void A_gold_literal_with_spaced_commas_matches_the_candidate_without_them()
    {
        var values = new[] { ConcertDatabase.Text("Tokyo, Japan") };

        var result = SqlLinearizer.Linearize(ConcertDatabase.Schema, values, "SELECT name FROM singer WHERE country = 'Tokyo ,  Japan'");

        Assert.Contains(new SqlAction(SqlActionKind.Value, 0), result.Actions!);
    }

    [Fact]
    public async Task Without_a_database_file_the_candidates_are_question_spans_and_constants()
    {
        var built = await _builder.BuildAsync(ConcertDatabase.Schema, null, "singers from france", null, CancellationToken.None);

        Assert.DoesNotContain(built.Example.Values, v => v.Source == ValueSource.DatabaseCell);
        Assert.Contains(built.Example.Values, v => v.Text == "france");
    }
}

public sealed class QuestionWordsTests
{
    private static string[] Words(string question) => QuestionWords.Split(question).Select(w => w.Text).ToArray();

    [Fact]
    public void Words_keep_their_case_and_marks_become_words_of_their_own()
    {
        Assert.Equal(["Who", "sang", "in", "\"", "Home", "Visits", "\"", "?"], Words("Who sang in \"Home Visits\"?"));
    }

    [Fact]
    public void Inner_marks_keep_names_and_dates_whole_but_a_possessive_s_and_a_range_split()
    {
        Assert.Equal(["O'Brien", "'", "s", "album", "from", "2010-05-01"], Words("O'Brien's album from 2010-05-01"));
        Assert.Equal(["between", "1990", "-", "1995"], Words("between 1990-1995"));
    }

    [Fact]
    public void A_span_is_cut_from_the_question_with_its_own_spacing()
    {
        const string question = "stadiums in  St. Louis";
        var words = QuestionWords.Split(question);

        Assert.Equal("St. Louis", ValueCandidates.SpanText(question, words, 2, 4));
    }
}

public sealed class SchemaLinkerTests
{
    [Fact]
    public void A_span_that_spells_a_table_or_column_name_links_exactly_and_a_content_word_partially()
    {
        const string question = "What is the concert name of each singer in concert?";
        var words = QuestionWords.Split(question);

        var links = SchemaLinker.Link(question, words, ConcertDatabase.Schema, []);

        Assert.Contains(new SchemaLink(3, 4, false, ConcertDatabase.Columns.ConcertName, LinkKind.ExactName), links);
        Assert.Contains(new SchemaLink(7, 9, true, ConcertDatabase.Tables.SingerInConcert, LinkKind.ExactName), links);
        Assert.Contains(new SchemaLink(7, 7, true, ConcertDatabase.Tables.Singer, LinkKind.ExactName), links);
        Assert.Contains(new SchemaLink(3, 3, true, ConcertDatabase.Tables.Concert, LinkKind.ExactName), links);
        Assert.Contains(new SchemaLink(3, 3, true, ConcertDatabase.Tables.SingerInConcert, LinkKind.PartialName), links);
    }

    [Fact]
    public void A_cell_candidate_links_its_span_to_the_cells_column()
    {
        var words = QuestionWords.Split("singers from France");
        ValueCandidate[] values = [new(ValueSource.DatabaseCell, "France", false, 2, 2, ConcertDatabase.Columns.Country)];

        var links = SchemaLinker.Link("singers from France", words, ConcertDatabase.Schema, values);

        Assert.Contains(new SchemaLink(2, 2, false, ConcertDatabase.Columns.Country, LinkKind.CellValue), links);
    }
}

public sealed class PointerExampleBuilderTests : IDisposable
{
    private readonly ConcertDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_correlated_sub_query_the_grammar_would_refuse_gets_no_target()
    {
        var built = await new PointerExampleBuilder().BuildAsync(ConcertDatabase.Schema, _database.Path, "singers older than the average of their country",
            "SELECT name FROM singer AS T1 WHERE age > (SELECT avg(year) FROM concert WHERE T1.country = concert_name)", CancellationToken.None);

        Assert.Null(built.Example.Target);
        Assert.Equal("grammar-rejects-gold", built.TargetFailure?.Kind);
    }
}
