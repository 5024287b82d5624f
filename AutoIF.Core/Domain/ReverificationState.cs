namespace AutoIF.Core.Domain;

public enum ReverificationState
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}
