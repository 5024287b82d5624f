namespace AutoIF.Core.Storage;

public enum StorageProvider
{
    Sqlite = 0,
    Postgres = 1,
}
