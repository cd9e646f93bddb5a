using System.Buffers.Binary;
using System.Text;

namespace Gateway.Model.Tests.Native;

/// <summary>Lists the version-needed entries (name, vna_flags) of an ELF64 little-endian shared library.</summary>
internal static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;

    public static Dictionary<string, ushort> Read(string path)
    {
        var b = File.ReadAllBytes(path);
        var shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(0x28));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x3A));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(0x3C));
        var result = new Dictionary<string, ushort>(StringComparer.Ordinal);
        for (var i = 0; i < shnum; i++)
        {
            var sh = b.AsSpan((int)(shoff + (i * shentsize)));
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[24..]);
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[40..]);
            var count = BinaryPrimitives.ReadUInt32LittleEndian(sh[44..]);
            var strtab = (int)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan((int)(shoff + (link * shentsize) + 24)));
            var vn = offset;
            for (var n = 0; n < count; n++)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(vn + 2));
                var aux = vn + (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(vn + 8));
                for (var a = 0; a < auxCount; a++)
                {
                    var name = strtab + (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(aux + 8));
                    var end = Array.IndexOf(b, (byte)0, name);
                    result[Encoding.ASCII.GetString(b, name, end - name)] = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(aux + 4));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(aux + 12));
                }

                vn += (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(vn + 12));
            }
        }

        return result;
    }
}
