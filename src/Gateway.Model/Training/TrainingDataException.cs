namespace Gateway.Model.Training;

/// <summary>Training or evaluation data that cannot be used: missing file, malformed row, unknown database.</summary>
public sealed class TrainingDataException : Exception
{
    public TrainingDataException()
    {
    }

    public TrainingDataException(string message)
        : base(message)
    {
    }

    public TrainingDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
