using System.Diagnostics.CodeAnalysis;

namespace KioskAgent.Hardware.Card;

/// <summary>
/// The outcome of reading something from a card: a value, or a stable machine-readable reason
/// (e.g. "sector_auth_failed") with a detail for logs. Bad answers from a card are expected in the
/// field (half-pulled cards, foreign cards, blank cards), so they are results, not exceptions.
/// </summary>
public sealed class CardReadResult<T>
    where T : notnull
{
    private CardReadResult(T? value, string? reason, string? detail, CardFailureKind failureKind)
    {
        Value = value;
        Reason = reason;
        Detail = detail;
        FailureKind = failureKind;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Reason), nameof(Detail))]
    public bool IsSuccess => Reason is null;

    public T? Value { get; }

    /// <summary>Stable reason code, e.g. "ndef_read_failed"; null on success.</summary>
    public string? Reason { get; }

    /// <summary>What happened, for logs: status words and lengths, never keys, UIDs or card data.</summary>
    public string? Detail { get; }

    /// <summary>Whether trying again can help; set where the failure arises, meaningless on success.</summary>
    public CardFailureKind FailureKind { get; }

    public static CardReadResult<T> Success(T value) => new(value, null, null, default);

    /// <summary>The card answered, but not as needed (see <see cref="CardFailureKind.NotVerified"/>).</summary>
    public static CardReadResult<T> Failure(string reason, string detail) => new(default, reason, detail, CardFailureKind.NotVerified);

    /// <summary>The exchange failed; another tap usually works (see <see cref="CardFailureKind.Unreadable"/>).</summary>
    public static CardReadResult<T> Unreadable(string reason, string detail) => new(default, reason, detail, CardFailureKind.Unreadable);

    /// <summary>Carries this failure over to a result of another type.</summary>
    public CardReadResult<TOther> AsFailure<TOther>()
        where TOther : notnull =>
        IsSuccess
            ? throw new InvalidOperationException("A successful result is not a failure.")
            : FailureKind == CardFailureKind.Unreadable
                ? CardReadResult<TOther>.Unreadable(Reason, Detail)
                : CardReadResult<TOther>.Failure(Reason, Detail);

    public override string ToString() => IsSuccess ? "success" : $"{Reason}: {Detail}";
}
