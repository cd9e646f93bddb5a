using System.Text.Json.Nodes;
using Gateway.Api.Models;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;

namespace Gateway.Api.Tests.Models;

public sealed class ChatPromptFormatTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatMessage.System, "You are a data analyst."),
        new(ChatMessage.User, "Top region?"),
    ];

    private static HfTokenizer WithAddedTokens(params string[] tokens)
    {
        var json = JsonNode.Parse(ByteLevelTokenizerJson.Build())!;
        var added = new JsonArray();
        var id = 256;
        foreach (var token in tokens)
        {
            added.Add(new JsonObject { ["id"] = id++, ["content"] = token, ["special"] = true });
        }

        json["added_tokens"] = added;
        return HfTokenizer.FromJson(json.ToJsonString());
    }

    [Fact]
    public void The_models_own_chat_template_wins_over_the_guess_from_its_tokens()
    {
        var template = ChatTemplate.Parse(
            "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", eosToken: "<|im_end|>");

        var format = ChatPromptFormat.For(HfTokenizer.FromJson(ByteLevelTokenizerJson.Build()), template);

        Assert.Equal("chat_template", format.Name);
        Assert.Equal("<system>You are a data analyst.<user>Top region?<assistant>", format.Render(Conversation));
        Assert.Equal(["<|im_end|>"], format.EndOfTurnTokens);
    }

    [Fact]
    public void Tokenizer_with_chatml_tokens_gets_chatml()
    {
        var format = ChatPromptFormat.For(HfTokenizer.FromJson(ByteLevelTokenizerJson.Build()));

        Assert.Equal("chatml", format.Name);
        Assert.Equal(
            "<|im_start|>system\nYou are a data analyst.<|im_end|>\n<|im_start|>user\nTop region?<|im_end|>\n<|im_start|>assistant\n",
            format.Render(Conversation));
        Assert.Equal(["<|im_end|>"], format.EndOfTurnTokens);
    }

    [Fact]
    public void Tokenizer_with_llama3_headers_gets_llama3()
    {
        var format = ChatPromptFormat.For(WithAddedTokens("<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"));

        Assert.Equal("llama3", format.Name);
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a data analyst.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nTop region?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            format.Render(Conversation));
    }

    [Fact]
    public void Tokenizer_without_chat_tokens_gets_role_tagged_lines_that_stop_at_the_next_user_turn()
    {
        var format = ChatPromptFormat.For(WithAddedTokens("<|endoftext|>"));

        Assert.Equal("role-tagged", format.Name);
        Assert.Equal("system: You are a data analyst.\nuser: Top region?\nassistant:", format.Render(Conversation));
        Assert.Equal(["\nuser:"], format.StopStrings);
    }
}
