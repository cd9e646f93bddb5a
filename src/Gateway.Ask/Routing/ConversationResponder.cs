using System.Text;
using Gateway.Ask.Context;
using Gateway.Generation;

namespace Gateway.Ask.Routing;

/// <summary>
/// Answers the routes that need no SQL. With a chat model, it speaks as an expert data analyst and guide: it steers
/// toward questions the data can answer, answers questions about the database from its DDL, and says it is a data
/// analyst when asked who it is. Without one, <see cref="SchemaGuide"/> answers from the schema; it never refuses.
/// </summary>
public sealed class ConversationResponder(SchemaGuide guide)
{
    public async Task<(string Answer, string? ModelId)> AnswerAsync(
        QuestionIntent intent, string question, AskContext context, IChatModel? chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (chat is null)
        {
            return (guide.Answer(intent, question, context.Schema), null);
        }

        string reply;
        try
        {
            reply = await chat.CompleteAsync(
            [
                new ChatTurn(ChatRole.System, SystemPrompt(context)),
                new ChatTurn(ChatRole.User, question),
            ], cancellationToken).ConfigureAwait(false);
        }
        catch (GenerationException)
        {
            // A chat model that is down costs the prose, not the answer: the schema still answers.
            reply = string.Empty;
        }

        // An empty reply is no answer; the schema's is better than none.
        return string.IsNullOrWhiteSpace(reply) ? (guide.Answer(intent, question, context.Schema), null) : (reply, chat.ModelId);
    }

    private static string SystemPrompt(AskContext context)
    {
        var text = new StringBuilder();
        text.Append("You are an expert data analyst and a guide to the '").Append(context.Schema.Source).Append("' database (")
            .Append(context.DialectName).Append("). People ask you questions in plain language; the gateway you belong to ")
            .Append("answers data questions by writing SQL and running it read-only, and you help people ask good ones.\n")
            .Append("- When asked who you are, say you are a data analyst for this database.\n")
            .Append("- Answer questions about the database's structure from the DDL below, and only from it.\n")
            .Append("- Steer people toward questions this data can answer, with two or three concrete examples using its tables and columns.\n")
            .Append("- You cannot see the rows: never state figures, counts or values that are not in the DDL.\n")
            .Append("- Be brief and friendly.\n\n===Tables\n")
            .Append(context.Ddl);
        return text.ToString();
    }
}
