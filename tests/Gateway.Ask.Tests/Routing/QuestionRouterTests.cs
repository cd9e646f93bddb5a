using Gateway.Ask.Routing;

namespace Gateway.Ask.Tests.Routing;

public sealed class QuestionRouterTests
{
    private static readonly QuestionRouter Router = new();

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("good morning")]
    [InlineData("hey there")]
    public void Greetings_are_conversation(string question) => Assert.Equal(QuestionIntent.Greeting, Router.Classify(question));

    [Theory]
    [InlineData("Who are you?")]
    [InlineData("Hello! Who are you?")]
    [InlineData("what is your name")]
    [InlineData("are you a bot?")]
    public void Who_are_you_is_identity(string question) => Assert.Equal(QuestionIntent.Identity, Router.Classify(question));

    [Theory]
    [InlineData("What can I ask?")]
    [InlineData("what can you do")]
    [InlineData("help")]
    [InlineData("What kind of questions can you answer?")]
    public void What_can_I_ask_is_capabilities(string question) => Assert.Equal(QuestionIntent.Capabilities, Router.Classify(question));

    [Theory]
    [InlineData("thanks!")]
    [InlineData("thank you so much")]
    public void Thanks_are_conversation(string question) => Assert.Equal(QuestionIntent.Thanks, Router.Classify(question));

    [Theory]
    [InlineData("What tables are there?")]
    [InlineData("which tables do you have")]
    [InlineData("list the tables")]
    [InlineData("What columns does orders have?")]
    [InlineData("show me the columns of the customers table")]
    [InlineData("describe customers")]
    [InlineData("What data do you have?")]
    [InlineData("How are the tables related?")]
    public void Questions_about_tables_and_columns_are_structure(string question) => Assert.Equal(QuestionIntent.Structure, Router.Classify(question));

    [Theory]
    [InlineData("How many customers are there?")]
    [InlineData("What is the total revenue in the orders table by month?")]
    [InlineData("show me the top 5 products by revenue")]
    [InlineData("Which region has the most customers?")]
    [InlineData("hello, how many orders were placed last year?")]
    [InlineData("and by region?")]
    public void Everything_else_is_a_data_question(string question) => Assert.Equal(QuestionIntent.Data, Router.Classify(question));

    [Fact]
    public void Structure_and_conversation_intents_map_to_their_routes()
    {
        Assert.Equal(AskRoute.Structure, QuestionRouter.RouteOf(QuestionIntent.Structure));
        Assert.Equal(AskRoute.Conversation, QuestionRouter.RouteOf(QuestionIntent.Greeting));
        Assert.Equal(AskRoute.Data, QuestionRouter.RouteOf(QuestionIntent.Data));
    }
}
