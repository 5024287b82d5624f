namespace AutoIF.Core.Export;

/// <summary>One message of a conversation as a writer lays it out; the key names (role/content, from/value) are the writer's.</summary>
public sealed record MessageTurn(string Role, string Content);
