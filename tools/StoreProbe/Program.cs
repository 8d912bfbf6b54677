using StoreProbe;

// Probes behind docs/decisions/0001-ledger-store.md. Each prints one result line (or a small table) to stdout.
// scripts/store-probe.sh runs them all, the fsync probe under strace.
return args switch
{
    ["commit", var store, var path, var n] => Probes.Commit(store, path, int.Parse(n)),
    ["writer", var store, var path, var from, var count] => Probes.Writer(store, path, int.Parse(from), int.Parse(count)),
    ["two-process", var store, var path, var count] => Probes.TwoProcesses(store, path, int.Parse(count)),
    ["rebuild", var path, var n] => Probes.Rebuild(path, int.Parse(n)),
    ["load", var store, var path, var n] => Scale.Load(store, path, int.Parse(n)),
    ["read", var store, var path, var n, var reads] => Scale.Read(store, path, int.Parse(n), int.Parse(reads)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: StoreProbe commit <litedb|sqlite> <path> <n>
               StoreProbe two-process <litedb-direct|litedb-shared|sqlite> <path> <count per process>
               StoreProbe rebuild <path> <documents>
               StoreProbe load <litedb|sqlite> <path> <documents>
               StoreProbe read <litedb|sqlite> <path> <documents> <reads>
        """);
    return 2;
}
