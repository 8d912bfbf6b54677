using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Storage.Contract;

public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly List<IDisposable> _cleanup = [];

    protected override StoreSet Open()
    {
        var file = new TempDatabase("contract");
        _cleanup.Add(file);
        return StoreSet.Sqlite(file.Path);
    }

    [TearDown]
    public void CleanUp()
    {
        foreach (var item in _cleanup) item.Dispose();
        _cleanup.Clear();
    }
}

public sealed class PostgresStoreContractTests : StoreContract
{
    private readonly List<IDisposable> _cleanup = [];

    protected override StoreSet Open()
    {
        var server = TestPostgres.Create();
        _cleanup.Add(server);
        return StoreSet.Postgres(server);
    }

    [TearDown]
    public void CleanUp()
    {
        foreach (var item in _cleanup) item.Dispose();
        _cleanup.Clear();
    }
}
