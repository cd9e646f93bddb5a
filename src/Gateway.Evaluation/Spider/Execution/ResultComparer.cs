using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Execution;

/// <summary>
/// Compares two results row by row, columns in order: as multisets of rows, or as sequences when the gold query
/// orders its result (an ORDER BY at its top level).
/// </summary>
internal static class ResultComparer
{
    public static bool Same(IReadOnlyList<ValueList<CellValue>> predicted, IReadOnlyList<ValueList<CellValue>> gold, bool ordered)
    {
        if (predicted.Count != gold.Count)
        {
            return false;
        }

        if (ordered)
        {
            return predicted.SequenceEqual(gold);
        }

        var counts = new Dictionary<ValueList<CellValue>, int>();
        foreach (var row in gold)
        {
            counts[row] = counts.GetValueOrDefault(row) + 1;
        }

        foreach (var row in predicted)
        {
            var left = counts.GetValueOrDefault(row);
            if (left == 0)
            {
                return false;
            }

            counts[row] = left - 1;
        }

        return true;
    }
}
