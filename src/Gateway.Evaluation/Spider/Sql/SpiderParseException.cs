namespace Gateway.Evaluation.Spider.Sql;

/// <summary>The SQL is outside what Spider's parser accepts; the evaluator scores it as an empty query.</summary>
public sealed class SpiderParseException : Exception
{
    public SpiderParseException()
    {
    }

    public SpiderParseException(string message)
        : base(message)
    {
    }

    public SpiderParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
