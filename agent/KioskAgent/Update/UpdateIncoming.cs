namespace KioskAgent.Update;

/// <summary>Bundles on their way in: bounded copies into <c>incoming/</c>, where old leftovers are cleared.</summary>
public static class UpdateIncoming
{
    public static string NewFile(UpdateSlots slots)
    {
        Directory.CreateDirectory(slots.IncomingDirectory);
        foreach (var stale in Directory.EnumerateFiles(slots.IncomingDirectory).Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1)))
        {
            File.Delete(stale);
        }

        return Path.Combine(slots.IncomingDirectory, $"{Guid.CreateVersion7():N}.bundle");
    }

    public static async Task CopyBoundedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new UpdateRefusedException(UpdateRefusal.TooLarge, $"the bundle is larger than Update:MaxBundleBytes ({maxBytes} bytes)");
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
