using System.Text.Json;

namespace AutoIF.Core.Import;

/// <summary>One parsed record of a JSON Lines file and the 1-based line it came from.</summary>
internal sealed record JsonLine(int Line, JsonElement Root);
