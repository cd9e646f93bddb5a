namespace Gateway.Model.Prompting;

/// <summary>A chat template that cannot be parsed or rendered: an unsupported Jinja construct, a syntax or type error, or <c>raise_exception</c>.</summary>
public sealed class ChatTemplateException : Exception
{
    public ChatTemplateException()
    {
    }

    public ChatTemplateException(string message)
        : base(message)
    {
    }

    public ChatTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
