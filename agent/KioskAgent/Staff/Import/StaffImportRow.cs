namespace KioskAgent.Staff.Import;

/// <summary>One staff row of an import file as written, with the line it starts on; <paramref name="Pin"/> is a clear PIN to hash, or empty.</summary>
public sealed record StaffImportRow(int Line, string StaffId, string CardUid, string CardNumber, string Name, string Role, string Pin, string PinHash);
