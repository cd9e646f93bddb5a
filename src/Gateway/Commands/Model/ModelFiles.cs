using Gateway.Model;
using Gateway.Model.Tokenization;

namespace Gateway.Commands.Model;

/// <summary>What the model commands need besides the weights: the tokenizer, the end id and the prompt template.</summary>
internal static class ModelFiles
{
    public const string TemplateRelativePath = "models/prompts/text-to-sql.txt";

    /// <summary>The first <c>eos_token_id</c> of the config, else the tokenizer's <c>&lt;|endoftext|&gt;</c> or <c>&lt;|im_end|&gt;</c>.</summary>
    public static int EndOfSequenceId(CausalLm model, HfTokenizer tokenizer) =>
        model.Config.EosTokenIds is [var first, ..]
            ? first
            : tokenizer.TokenToId("<|endoftext|>") ?? tokenizer.TokenToId("<|im_end|>")
              ?? throw new ModelFormatException("the model has no eos_token_id and the tokenizer no <|endoftext|> token");

    /// <summary>
    /// The shipped prompt template: beside the executable (<c>/app/models/...</c> in the container), else in the
    /// repository the current folder or the executable sits in.
    /// </summary>
    public static string DefaultTemplatePath()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, TemplateRelativePath);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, TemplateRelativePath);
    }
}
