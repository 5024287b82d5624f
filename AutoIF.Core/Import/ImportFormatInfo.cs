namespace AutoIF.Core.Import;

/// <summary>One import format as the CLI and the Runs page list it.</summary>
/// <param name="Name">The name passed to <c>import --format</c> (a contract: README lists the names).</param>
/// <param name="Description">One line for help text and the upload dialog.</param>
/// <param name="IsQueryPool">True for query pools, which add queries and complete no stage.</param>
public sealed record ImportFormatInfo(string Name, string Description, bool IsQueryPool);
