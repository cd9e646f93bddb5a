namespace Gateway.Evaluation.Spider.Data;

/// <summary>The Spider folder or one of its files is missing or malformed.</summary>
public sealed class SpiderDataException : Exception
{
    public SpiderDataException()
    {
    }

    public SpiderDataException(string message)
        : base(message)
    {
    }

    public SpiderDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
