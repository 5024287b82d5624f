namespace AutoIF.Core.Domain;

public class ExportRecord
{
    public int Id { get; init; }
    public int? RunId { get; init; }
    public required string Kind { get; init; }
    public required string Format { get; init; }
    public string? FiltersJson { get; init; }
    public long Rows { get; set; }
    public string? FileName { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
