using System.Text;
using CompanionBot.Pipeline;

namespace CompanionBot.Bench;

/// <summary>
/// For the crash harness: one line per acknowledged message ("id TAB scope TAB member"), appended only after the
/// pipeline returned, that is after the message's transaction committed durably. Each line is one unbuffered write
/// straight to the kernel, so a SIGKILL loses no acknowledged line (the harness kills the process, not the machine).
/// </summary>
public sealed class AckLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;

    public AckLog(string path)
    {
        _file = new FileStream(Path.GetFullPath(path), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    public void Acknowledge(InboundMessage message)
    {
        var line = Encoding.UTF8.GetBytes($"{message.MessageId}\t{message.Key.Scope}\t{message.Key.MemberId}\n");
        lock (_gate)
        {
            _file.Write(line);
        }
    }

    public void Dispose() => _file.Dispose();
}
