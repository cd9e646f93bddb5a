namespace Gateway.Model.TextToSql;

// The contract between the two halves of the default text-to-SQL model (issue #8):
// the SQL side (Spider SQL -> action sequence -> SQL, grammar, value candidates, schema links) and the
// network side (encoder, linking layers, pointer decoder, training, beam search). The SQL side owns this file and
// may only add to it; the network side reads it.
//
// The SQL side's entry points (see src/Gateway.Model/README.md, "Text-to-SQL actions"): PointerExampleBuilder builds
// an example (words, values, links, target); SqlGrammarState gives the mask step by step (SqlGrammar.Next replays a
// prefix); SqlRenderer turns actions into SQL; SqlKeywords is the keyword vocabulary.

/// <summary>What one decoding step emits: a grammar keyword, or a pointer into the example's columns, tables or values.</summary>
public enum SqlActionKind
{
    Keyword,
    Column,
    Table,
    Value,
}

/// <summary>One decoding step: a keyword index into <see cref="SqlKeywords"/>, or an index into the example's columns, tables or values.</summary>
public readonly record struct SqlAction(SqlActionKind Kind, int Index);

/// <summary>A table as the model sees it: its SQL name and the words a question would use for it.</summary>
public sealed record PointerTable(string Name, string DisplayName);

/// <summary>A column as the model sees it; column 0 of every schema is <c>*</c> with table index -1.</summary>
public sealed record PointerColumn(int TableIndex, string Name, string DisplayName, string Type, bool IsPrimaryKey);

/// <summary>A foreign key between two column indexes.</summary>
public readonly record struct PointerForeignKey(int Column, int ReferencedColumn);

/// <summary>The schema of one database, in the order the pointers index it.</summary>
public sealed record PointerSchema(
    string DbId,
    IReadOnlyList<PointerTable> Tables,
    IReadOnlyList<PointerColumn> Columns,
    IReadOnlyList<PointerForeignKey> ForeignKeys);

/// <summary>Where a value candidate comes from.</summary>
public enum ValueSource
{
    /// <summary>Words <c>StartWord..EndWord</c> (inclusive) of the question.</summary>
    QuestionSpan,

    /// <summary>A cell of column <c>ColumnIndex</c> in the database that the question mentions.</summary>
    DatabaseCell,

    /// <summary>A value the question does not spell out (for example 1 in "the most").</summary>
    Constant,
}

/// <summary>A value the decoder may point at; <c>Text</c> is what the SQL will hold (unquoted).</summary>
public sealed record ValueCandidate(ValueSource Source, string Text, bool IsNumber, int StartWord, int EndWord, int ColumnIndex);

/// <summary>How a span of question words relates to a schema item.</summary>
public enum LinkKind
{
    ExactName,
    PartialName,
    CellValue,
}

/// <summary>Question words <c>StartWord..EndWord</c> (inclusive) match a column (<c>IsTable</c> false) or a table.</summary>
public readonly record struct SchemaLink(int StartWord, int EndWord, bool IsTable, int ItemIndex, LinkKind Kind);

/// <summary>One question over one schema, with its target actions when it is a training example (null at inference).</summary>
public sealed record PointerExample(
    string DbId,
    string Question,
    IReadOnlyList<string> QuestionWords,
    PointerSchema Schema,
    IReadOnlyList<ValueCandidate> Values,
    IReadOnlyList<SchemaLink> Links,
    IReadOnlyList<SqlAction>? Target);

/// <summary>Which actions may come next: the grammar's and the schema's mask for one decoding step.</summary>
public sealed record AllowedActions(bool[] Keywords, bool[] Columns, bool[] Tables, bool Values)
{
    /// <summary>Where <c>Values</c> is true: only candidates with <c>IsNumber</c> may be taken (the value of a LIMIT).</summary>
    public bool OnlyNumberValues { get; init; }
}
