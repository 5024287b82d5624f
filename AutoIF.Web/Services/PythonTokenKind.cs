namespace AutoIF.Web.Services;

public enum PythonTokenKind
{
    Text = 0,
    Keyword = 1,
    Builtin = 2,
    StringLiteral = 3,
    Comment = 4,
    Number = 5,
}
