namespace Gateway.Model.Training;

/// <summary>One supervised row in Spider's format: the question, the SQL that answers it and its database.</summary>
public sealed record TrainingExample(string Question, string Query, string DbId);
