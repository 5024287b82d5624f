namespace AutoIF.Core.Reports;

/// <summary>One term of a search: a word, or several words that must appear in this order (a quoted phrase).</summary>
/// <param name="Text">The term as typed, without quotes and the trailing <c>*</c>.</param>
/// <param name="Prefix">The last word matches any word that starts with it (the user ended the term with <c>*</c>).</param>
public sealed record TextSearchTerm(string Text, bool Prefix);
