using NotebookCourse.Layers;
using NotebookCourse.Serialization;
using NotebookCourse.Tests.Layers;

namespace NotebookCourse.Tests.Serialization;

/// <summary>Loading a model does not draw from the shared generator, so a seeded session stays reproducible.</summary>
[Collection(GlobalGeneratorCollection.Name)] // ManualSeed touches the shared generator
public sealed class ModelFileGeneratorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-generator-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Loading_a_model_leaves_the_global_generator_where_it_was()
    {
        var path = Path.Combine(_folder, "model.safetensors");
        new Sequential(new Flatten([2, 2]), new Dense(3, "relu", random: new Random(1)), new Linear(3, 2, random: new Random(2)), new Dropout(0.5f))
            .Save(path);

        Tensor.ManualSeed(21);
        var expected = Enumerable.Range(0, 5).Select(_ => Tensor.Generator.Next()).ToList();
        Tensor.ManualSeed(21);
        var model = Sequential.Load(path);
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => Tensor.Generator.Next()));
        Assert.Equal(4 * 3 + 3 + 3 * 2 + 2, model.ParameterCount); // the layers were rebuilt with parameters
    }
}
