namespace CompanionBot.Common;

/// <summary>
/// An expected failure at an edge (storage, the model endpoint, Discord), as a value: what failed, in words safe for
/// an operator's log. Never shown to a member; bugs still throw.
/// </summary>
public sealed record EdgeError(string Edge, string Problem)
{
    public override string ToString() => $"{Edge}: {Problem}";
}

/// <summary>Success, or the <see cref="EdgeError"/> that stopped it (in the spirit of Remora's <c>Result</c>).</summary>
public readonly record struct Result(EdgeError? Error)
{
    public static Result Success => default;

    public bool IsSuccess => Error is null;

    public static Result Fail(string edge, string problem) => new(new EdgeError(edge, problem));
}

/// <summary>A value, or the <see cref="EdgeError"/> that kept it from being produced.</summary>
public readonly record struct Result<T>(T? Value, EdgeError? Error)
{
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Fail(string edge, string problem) => new(default, new EdgeError(edge, problem));
}
