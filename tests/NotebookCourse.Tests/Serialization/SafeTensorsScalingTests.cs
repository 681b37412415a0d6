using System.Text;
using NotebookCourse.Serialization;
using NotebookCourse.Tests.Support;
using Xunit.Abstractions;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>Reading a model file, good or damaged, takes time and memory in proportion to the file, however many entries its header lists.</summary>
[Collection(Scaling.Collection)]
public sealed class SafeTensorsScalingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("safetensors-scaling-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (long, Action) Raw(string header, byte[] data, Action<string> read)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".safetensors");
        WriteRaw(path, header, data);
        return (new FileInfo(path).Length, () => read(path));
    }

    private static string Entries(int count, Func<int, string> entry)
    {
        var header = new StringBuilder("{");
        for (var i = 0; i < count; i++) header.Append(i == 0 ? "" : ",").Append($"\"t{i}\":").Append(entry(i));
        return header.Append('}').ToString();
    }

    [Fact]
    public void Two_hundred_thousand_empty_tensors_are_refused_for_about_the_cost_of_reading_the_file()
    {
        // Refused at the first entry: the cost is reading the header bytes, nothing per entry.
        var (bytes, refuse) = Raw(Entries(200_000, _ => """{"dtype":"F32","shape":[0],"data_offsets":[0,0]}"""), [],
            path => Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path)));
        var path = Directory.GetFiles(_folder).Single();
        var result = Scaling.Compare("200,000 empty tensors", bytes, refuse, "reading the file's bytes", () => System.IO.File.ReadAllBytes(path));
        output.WriteLine(result.ToString());
        Assert.True(result.TimeRatio < 5, result.ToString());
        Assert.True(result.AllocationRatio < 1.2, result.ToString());
    }

    [Fact]
    public void More_tensors_than_the_data_can_hold_are_refused_in_linear_time_and_memory()
    {
        var result = Scaling.Measure("200,000 scalars over 20,000 values", count => Raw(
            Entries(count, i => $"{{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[{4 * (i % 1000)},{4 * (i % 1000) + 4}]}}"), new byte[4 * count / 10],
            path => Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path))), smallSize: 20_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 3);
    }

    [Fact]
    public void Many_small_tensors_read_in_linear_time_and_memory()
    {
        var result = Scaling.Measure("200,000 scalar tensors", count => Raw(
            Entries(count, i => $"{{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[{4 * i},{4 * i + 4}]}}"), new byte[4 * count],
            path => Assert.Equal(count, SafeTensorsFile.Read(path).Tensors.Count)), smallSize: 20_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 8);
    }

    [Fact]
    public void Large_tensors_are_checked_and_read_in_linear_time_and_memory()
    {
        var good = Scaling.Measure("one large tensor", values => File(values, damage: false), smallSize: 250_000);
        Scaling.AssertLinear(good, output, maxBytesPerInputByte: 2.5);
        var damaged = Scaling.Measure("one large tensor, one flipped bit", values => File(values, damage: true), smallSize: 250_000);
        Scaling.AssertLinear(damaged, output, maxBytesPerInputByte: 1.5);
    }

    private (long, Action) File(int values, bool damage)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".safetensors");
        var random = new Random(values);
        SafeTensorsFile.Write(path, [new("w", new Tensor([.. Enumerable.Range(0, values).Select(_ => (float)random.NextDouble())], [values]))]);
        if (damage)
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            bytes[^100] ^= 1;
            System.IO.File.WriteAllBytes(path, bytes);
        }
        return (new FileInfo(path).Length, damage
            ? () => Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path))
            : () => Assert.Equal(values, SafeTensorsFile.Read(path).Tensors[0].Value.Size));
    }
}
