namespace Gateway.Configuration;

/// <summary>A configuration file that is missing or malformed; the message names the file.</summary>
public sealed class ConfigurationFileException : Exception
{
    public ConfigurationFileException(string message) : base(message) { }

    public ConfigurationFileException(string message, Exception inner) : base(message, inner) { }

    public ConfigurationFileException() { }
}
