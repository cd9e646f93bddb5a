using Gateway.Model.TextToSql;

namespace Gateway.Model.Tests.TextToSql;

/// <summary>An index over cells another engine sampled: the same lookups as one read from a SQLite file.</summary>
public sealed class DatabaseValueIndexFromCellsTests
{
    [Fact]
    public void Cells_are_found_by_text_ignoring_case_and_by_stem()
    {
        var index = DatabaseValueIndex.FromCells([new DatabaseCell(2, "France"), new DatabaseCell(2, "Dog")], new ValueCandidateOptions());

        Assert.Equal([new DatabaseCell(2, "France")], index.Exact("france"));
        Assert.Equal([new DatabaseCell(2, "Dog")], index.SameStem("dogs"));
    }

    [Fact]
    public void Blank_and_over_long_cells_are_left_out()
    {
        var index = DatabaseValueIndex.FromCells([new DatabaseCell(1, "  "), new DatabaseCell(1, new string('x', 81))], new ValueCandidateOptions { MaxCellLength = 80 });

        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_column_of_a_few_short_values_is_offered_as_codes()
    {
        var index = DatabaseValueIndex.FromCells(
            [new DatabaseCell(3, "Y"), new DatabaseCell(3, "N"), new DatabaseCell(4, "Paris"), new DatabaseCell(4, "Lyon")], new ValueCandidateOptions());

        Assert.Equal([new DatabaseCell(3, "Y"), new DatabaseCell(3, "N")], index.Codes);
    }

    [Fact]
    public void A_builder_given_cells_offers_the_cell_a_question_mentions()
    {
        var cells = DatabaseValueIndex.FromCells([new DatabaseCell(2, "Adele")], new ValueCandidateOptions());

        var example = new PointerExampleBuilder().Build(PointerFixtures.Schema, cells, "songs by adele", null).Example;

        Assert.Contains(example.Values, v => v.Source == ValueSource.DatabaseCell && v.Text == "Adele" && v.ColumnIndex == 2);
    }
}
