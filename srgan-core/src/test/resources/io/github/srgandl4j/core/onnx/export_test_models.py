#!/usr/bin/env python3
"""Exports small PyTorch generators (random weights, fixed seed) to ONNX, with an input and PyTorch's
output as raw little-endian float32 NCHW, for srgan-dl4j's importer tests (PyTorchExportsTest).

Run with an interpreter that has torch (Debian: /usr/bin/python3, apt-get install python3-torch):
    /usr/bin/python3 export_test_models.py
The architectures copy BasicSR/Real-ESRGAN's RRDBNet and SRVGGNetCompact (smaller widths), plus a
network exercising the remaining ops (bilinear upsampling, ConvTranspose, BatchNorm, Clip, Sigmoid...).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualDenseBlock(nn.Module):  # basicsr.archs.rrdbnet_arch
    def __init__(self, num_feat=16, num_grow_ch=8):
        super().__init__()
        self.conv1 = nn.Conv2d(num_feat, num_grow_ch, 3, 1, 1)
        self.conv2 = nn.Conv2d(num_feat + num_grow_ch, num_grow_ch, 3, 1, 1)
        self.conv3 = nn.Conv2d(num_feat + 2 * num_grow_ch, num_grow_ch, 3, 1, 1)
        self.conv4 = nn.Conv2d(num_feat + 3 * num_grow_ch, num_grow_ch, 3, 1, 1)
        self.conv5 = nn.Conv2d(num_feat + 4 * num_grow_ch, num_feat, 3, 1, 1)
        self.lrelu = nn.LeakyReLU(negative_slope=0.2, inplace=True)

    def forward(self, x):
        x1 = self.lrelu(self.conv1(x))
        x2 = self.lrelu(self.conv2(torch.cat((x, x1), 1)))
        x3 = self.lrelu(self.conv3(torch.cat((x, x1, x2), 1)))
        x4 = self.lrelu(self.conv4(torch.cat((x, x1, x2, x3), 1)))
        x5 = self.conv5(torch.cat((x, x1, x2, x3, x4), 1))
        return x5 * 0.2 + x


class RRDB(nn.Module):
    def __init__(self, num_feat, num_grow_ch=8):
        super().__init__()
        self.rdb1 = ResidualDenseBlock(num_feat, num_grow_ch)
        self.rdb2 = ResidualDenseBlock(num_feat, num_grow_ch)
        self.rdb3 = ResidualDenseBlock(num_feat, num_grow_ch)

    def forward(self, x):
        out = self.rdb3(self.rdb2(self.rdb1(x)))
        return out * 0.2 + x


class RRDBNet(nn.Module):  # x4 (Real-ESRGAN RealESRGAN_x4plus architecture, narrower)
    def __init__(self, num_in_ch=3, num_out_ch=3, num_feat=16, num_block=1, num_grow_ch=8):
        super().__init__()
        self.conv_first = nn.Conv2d(num_in_ch, num_feat, 3, 1, 1)
        self.body = nn.Sequential(*[RRDB(num_feat, num_grow_ch) for _ in range(num_block)])
        self.conv_body = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_up1 = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_up2 = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_hr = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_last = nn.Conv2d(num_feat, num_out_ch, 3, 1, 1)
        self.lrelu = nn.LeakyReLU(negative_slope=0.2, inplace=True)

    def forward(self, x):
        feat = self.conv_first(x)
        body_feat = self.conv_body(self.body(feat))
        feat = feat + body_feat
        feat = self.lrelu(self.conv_up1(F.interpolate(feat, scale_factor=2, mode='nearest')))
        feat = self.lrelu(self.conv_up2(F.interpolate(feat, scale_factor=2, mode='nearest')))
        return self.conv_last(self.lrelu(self.conv_hr(feat)))


class SRVGGNetCompact(nn.Module):  # realesrgan.archs.srvgg_arch (realesr-general-x4v3 layout, narrower)
    def __init__(self, num_in_ch=3, num_out_ch=3, num_feat=16, num_conv=4, upscale=4):
        super().__init__()
        self.upscale = upscale
        self.body = nn.ModuleList()
        self.body.append(nn.Conv2d(num_in_ch, num_feat, 3, 1, 1))
        self.body.append(nn.PReLU(num_parameters=num_feat))
        for _ in range(num_conv):
            self.body.append(nn.Conv2d(num_feat, num_feat, 3, 1, 1))
            self.body.append(nn.PReLU(num_parameters=num_feat))
        self.body.append(nn.Conv2d(num_feat, num_out_ch * upscale * upscale, 3, 1, 1))
        self.upsampler = nn.PixelShuffle(upscale)

    def forward(self, x):
        out = x
        for layer in self.body:
            out = layer(out)
        out = self.upsampler(out)
        base = F.interpolate(x, scale_factor=self.upscale, mode='nearest')
        return out + base


class OpMix(nn.Module):  # x2: the remaining ops of the importer's op set
    def __init__(self):
        super().__init__()
        self.register_buffer('mean', torch.tensor([0.4488, 0.4371, 0.4040]).view(1, 3, 1, 1))
        self.head = nn.Conv2d(3, 8, 5, 1, 2)
        self.bn = nn.BatchNorm2d(8)
        self.dw = nn.Conv2d(8, 8, 3, 1, 1, groups=8)
        self.up = nn.ConvTranspose2d(8, 8, 4, 2, 1)
        self.tail = nn.Conv2d(16, 3, 3, 1, 1)

    def forward(self, x):
        h = F.relu(self.bn(self.head((x - self.mean) / 0.5)))
        h = torch.sigmoid(self.dw(h)) * h
        a = self.up(h)
        b = F.interpolate(h, scale_factor=2, mode='bilinear', align_corners=False)
        y = self.tail(torch.cat([a, torch.tanh(b)], 1))
        return torch.clamp(y + F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False), 0, 1)


def export(name, model, size=(1, 3, 12, 10), opset=11):
    torch.manual_seed(1)
    for p in model.parameters():
        p.data.uniform_(-0.3, 0.3)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
    model.eval()
    x = torch.rand(*size)
    with torch.no_grad():
        y = model(x)
    torch.onnx.export(model, x, name + '.onnx', opset_version=opset, input_names=['lr'], output_names=['sr'],
                      dynamic_axes={'lr': {0: 'batch', 2: 'height', 3: 'width'},
                                    'sr': {0: 'batch', 2: 'out_height', 3: 'out_width'}},
                      do_constant_folding=True)
    shape = 'x'.join(str(d) for d in x.shape)
    oshape = 'x'.join(str(d) for d in y.shape)
    x.numpy().astype('<f4').tofile(f'{name}_in_{shape}_f32le.bin')
    y.numpy().astype('<f4').tofile(f'{name}_out_{oshape}_f32le.bin')
    print(name, tuple(x.shape), '->', tuple(y.shape))


if __name__ == '__main__':
    torch.manual_seed(0)
    export('rrdbnet_x4_tiny', RRDBNet())
    export('srvgg_compact_x4_tiny', SRVGGNetCompact())
    export('opmix_x2_tiny', OpMix())
    export('opmix_x2_tiny_opset17', OpMix(), opset=17)
    export('srvgg_compact_x4_tiny_opset17', SRVGGNetCompact(), opset=17)
