namespace KioskAgent.Provisioning;

/// <summary>One key's change between two versions of the provisioned configuration (secrets shown as "(set)").</summary>
public sealed record ConfigChange(string Key, string Change, string OldValue, string NewValue)
{
    public static IReadOnlyList<ConfigChange> Between(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changes = new List<ConfigChange>();
        foreach (var key in before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var had = before.TryGetValue(key, out var old);
            var has = after.TryGetValue(key, out var now);
            if (had && has && string.Equals(old, now, StringComparison.Ordinal))
            {
                continue;
            }

            var change = !had ? "added" : !has ? "removed" : "changed";
            changes.Add(new ConfigChange(key, change, ProvisionedKeys.Shown(key, old), ProvisionedKeys.Shown(key, now)));
        }

        return changes;
    }
}
