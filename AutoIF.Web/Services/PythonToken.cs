namespace AutoIF.Web.Services;

public sealed record PythonToken(PythonTokenKind Kind, string Text);
