namespace AutoIF.Core.Domain;

public enum CompileStatus
{
    Unchecked = 0,
    Ok = 1,
    SyntaxError = 2,
    MissingEvaluate = 3,
    NotCallable = 4,
    Failed = 5,
}
