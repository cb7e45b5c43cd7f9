namespace KioskAgent.Activities;

/// <summary>
/// The 选房 flow: an order draw ranks the groups (抽选组号), staff call them in that order, and the
/// entrance admits only members of the groups called so far. This turns the drawn order and the
/// number called into <see cref="CheckInRequest.DrawAdmitted"/>.
/// </summary>
public static class DrawAdmissions
{
    /// <param name="order">Group ids in drawn order (the record's <c>order</c>).</param>
    /// <param name="called">How many groups from the top of the order have been called.</param>
    /// <param name="membersByGroup">Member numbers of each group.</param>
    public static IReadOnlySet<string> Admitted(IReadOnlyList<string> order, int called, IReadOnlyDictionary<string, IReadOnlyCollection<string>> membersByGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(called);
        var admitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in order.Take(called))
        {
            if (membersByGroup.TryGetValue(group, out var members))
            {
                admitted.UnionWith(members);
            }
        }

        return admitted;
    }
}
