namespace AutoIF.Core.Domain;

public enum ResponseOrigin
{
    Supervision = 0,
    Policy = 1,
    Imported = 2,
}
