namespace Gateway.Model.TextToSql.Network;

/// <summary>
/// The frozen encoder's view of one example, row-major [count, dim]: each question word (the mean of its word
/// pieces, the question encoded alone), each column, each table, and each value candidate that is not a question span
/// (database cells and constants, in the order of <see cref="PointerExample.Values"/>).
/// </summary>
public sealed record ExampleFeatures(int Dim, float[] Words, float[] Columns, float[] Tables, float[] EncodedValues);
