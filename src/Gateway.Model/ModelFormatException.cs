namespace Gateway.Model;

/// <summary>A model file (safetensors, config.json, tokenizer.json, adapter) is missing, malformed or does not fit the model.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException()
    {
    }

    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
