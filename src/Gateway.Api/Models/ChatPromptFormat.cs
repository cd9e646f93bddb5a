using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;

namespace Gateway.Api.Models;

/// <summary>
/// Turns a conversation into the text a model was trained to continue, and names the tokens that end its turn.
/// A model folder whose <c>tokenizer_config.json</c> has a <c>chat_template</c> gets that template, rendered by
/// <see cref="ChatTemplate"/>; otherwise the format is recognised from the tokenizer's added tokens (ChatML for
/// Qwen2, Llama 3's headers), which is what those templates render; any other model gets plain role-tagged lines.
/// </summary>
internal abstract class ChatPromptFormat
{
    public abstract string Name { get; }

    public abstract string Render(IReadOnlyList<ChatMessage> messages);

    /// <summary>Added tokens that end the assistant's turn in this format (besides the model's own EOS ids).</summary>
    public abstract IReadOnlyList<string> EndOfTurnTokens { get; }

    /// <summary>The model's own chat template when it has one (see <see cref="ChatTemplate.Load"/>), else <see cref="For(HfTokenizer)"/>.</summary>
    public static ChatPromptFormat For(HfTokenizer tokenizer, ChatTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return template is null ? For(tokenizer) : new Templated(template, tokenizer);
    }

    public static ChatPromptFormat For(HfTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.AddedTokens.ContainsKey(ChatMl.Start) && tokenizer.AddedTokens.ContainsKey(ChatMl.End))
        {
            return new ChatMl();
        }

        if (tokenizer.AddedTokens.ContainsKey(Llama3.HeaderStart) && tokenizer.AddedTokens.ContainsKey(Llama3.EndOfTurn))
        {
            return new Llama3();
        }

        return new RoleTagged();
    }

    /// <summary><c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;</c>, as Qwen2's template writes it.</summary>
    private sealed class ChatMl : ChatPromptFormat
    {
        public const string Start = "<|im_start|>";
        public const string End = "<|im_end|>";

        public override string Name => "chatml";

        public override IReadOnlyList<string> EndOfTurnTokens => [End];

        public override string Render(IReadOnlyList<ChatMessage> messages) =>
            string.Concat(messages.Select(m => $"{Start}{m.Role}\n{m.Content}{End}\n")) + $"{Start}{ChatMessage.Assistant}\n";
    }

    /// <summary>Llama 3's header tokens around each role, <c>&lt;|eot_id|&gt;</c> after each turn.</summary>
    private sealed class Llama3 : ChatPromptFormat
    {
        public const string HeaderStart = "<|start_header_id|>";
        public const string HeaderEnd = "<|end_header_id|>";
        public const string EndOfTurn = "<|eot_id|>";
        private const string Begin = "<|begin_of_text|>";

        public override string Name => "llama3";

        public override IReadOnlyList<string> EndOfTurnTokens => [EndOfTurn];

        public override string Render(IReadOnlyList<ChatMessage> messages) =>
            Begin + string.Concat(messages.Select(m => $"{HeaderStart}{m.Role}{HeaderEnd}\n\n{m.Content}{EndOfTurn}"))
                  + $"{HeaderStart}{ChatMessage.Assistant}{HeaderEnd}\n\n";
    }

    /// <summary>
    /// For base models with no chat tokens: <c>role: content</c> lines and an open <c>assistant:</c> line; a new
    /// <c>user:</c> line ends the turn (see <see cref="StopStrings"/>).
    /// </summary>
    private sealed class RoleTagged : ChatPromptFormat
    {
        public override string Name => "role-tagged";

        public override IReadOnlyList<string> EndOfTurnTokens => [];

        public override IReadOnlyList<string> StopStrings => [$"\n{ChatMessage.User}:"];

        public override string Render(IReadOnlyList<ChatMessage> messages) =>
            string.Concat(messages.Select(m => $"{m.Role}: {m.Content}\n")) + $"{ChatMessage.Assistant}:";
    }

    /// <summary>
    /// The model's Jinja chat template; the turn ends at its <c>eos_token</c> and at the end-of-turn tokens of the
    /// formats above when the tokenizer has them (a ChatML template stops at <c>&lt;|im_end|&gt;</c>).
    /// </summary>
    private sealed class Templated(ChatTemplate template, HfTokenizer tokenizer) : ChatPromptFormat
    {
        public override string Name => "chat_template";

        public override IReadOnlyList<string> EndOfTurnTokens { get; } =
            [.. new[] { template.EosToken, ChatMl.End, Llama3.EndOfTurn }.OfType<string>().Where(t => tokenizer.AddedTokens.ContainsKey(t)).Distinct()];

        public override string Render(IReadOnlyList<ChatMessage> messages) =>
            template.Render([.. messages.Select(m => new ChatTurn(m.Role, m.Content))], addGenerationPrompt: true);
    }

    /// <summary>Text that ends the turn in this format, added to the request's own <c>stop</c> strings.</summary>
    public virtual IReadOnlyList<string> StopStrings => [];
}
