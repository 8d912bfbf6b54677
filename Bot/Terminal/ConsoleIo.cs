namespace CompanionBot.Terminal;

/// <summary>The program's three streams, so every mode can be driven in-process by tests.</summary>
public sealed record ConsoleIo(TextReader In, TextWriter Out, TextWriter Error)
{
    public static ConsoleIo System => new(Console.In, Console.Out, Console.Error);
}
