#!/usr/bin/env python3
"""Independent reference forward pass for the parity tests: a Qwen2/Llama-style decoder in numpy (float64).

Follows Hugging Face's Qwen2 modelling code (RMSNorm, rotate-half RoPE with linear, dynamic, yarn and llama3 scaling, grouped-query
attention with q/k/v bias, SwiGLU MLP, tied or untied head) and PEFT's LoRA (y += scaling * B(A(x))). It reads
config.json, model.safetensors and an optional PEFT adapter with nothing but numpy, and shares no code with the
C# runtime it checks.

usage: qwen2_reference.py MODEL_DIR [ADAPTER_DIR|-] IDS(comma-separated) NEW_TOKENS
prints JSON: {"logits": [[float]*vocab]*len(IDS), "greedy": [int]*NEW_TOKENS}
"""
import json
import os
import struct
import sys

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[base + begin:base + end]
        dtype = info["dtype"]
        if dtype == "F32":
            arr = np.frombuffer(raw, "<f4")
        elif dtype == "F16":
            arr = np.frombuffer(raw, "<f2")
        elif dtype == "BF16":
            arr = (np.frombuffer(raw, "<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ValueError(f"unsupported dtype {dtype}")
        tensors[name] = arr.astype(np.float64).reshape(info["shape"])
    return tensors


def read_adapter(adapter_dir):
    with open(os.path.join(adapter_dir, "adapter_config.json")) as f:
        cfg = json.load(f)
    r, alpha = cfg["r"], cfg["lora_alpha"]
    scaling = alpha / np.sqrt(r) if cfg.get("use_rslora") else alpha / r
    weights = read_safetensors(os.path.join(adapter_dir, "adapter_model.safetensors"))
    prefix = "base_model.model."
    lora = {}
    for name, a in weights.items():
        if name.endswith(".lora_A.weight"):
            module = name[len(prefix):-len(".lora_A.weight")]
            lora[module] = (a, weights[prefix + module + ".lora_B.weight"], scaling)
    return lora


class Qwen2Reference:
    def __init__(self, model_dir, adapter_dir=None):
        with open(os.path.join(model_dir, "config.json")) as f:
            self.cfg = json.load(f)
        self.w = read_safetensors(os.path.join(model_dir, "model.safetensors"))
        self.lora = read_adapter(adapter_dir) if adapter_dir else {}
        c = self.cfg
        self.heads = c["num_attention_heads"]
        self.kv_heads = c.get("num_key_value_heads") or self.heads
        self.head_dim = c.get("head_dim") or c["hidden_size"] // self.heads
        self.eps = c.get("rms_norm_eps", 1e-6)

    def linear(self, x, module):
        y = x @ self.w[module + ".weight"].T
        if module + ".bias" in self.w:
            y = y + self.w[module + ".bias"]
        if module in self.lora:
            a, b, scaling = self.lora[module]
            y = y + (x @ a.T) @ b.T * scaling
        return y

    def rms_norm(self, x, name):
        variance = np.mean(x * x, axis=-1, keepdims=True)
        return self.w[name] * (x / np.sqrt(variance + self.eps))

    def rope(self, length):
        """cos/sin for positions 0..length-1, with rope_scaling as HF's modeling_rope_utils computes it."""
        dim = self.head_dim
        theta = self.cfg.get("rope_theta", 10000.0)
        max_pos = self.cfg.get("max_position_embeddings", 32768)
        exponents = np.arange(0, dim, 2, dtype=np.float64) / dim
        inv_freq = 1.0 / theta ** exponents
        scaling = self.cfg.get("rope_scaling") or {}
        kind = scaling.get("rope_type") or scaling.get("type") or "default"
        attention_factor = 1.0
        if kind == "linear":
            inv_freq = inv_freq / scaling["factor"]
        elif kind == "dynamic":
            trained = scaling.get("original_max_position_embeddings") or max_pos
            if length > trained:
                f = scaling["factor"]
                grown = theta * ((f * length / trained) - (f - 1)) ** (dim / (dim - 2))
                inv_freq = 1.0 / grown ** exponents
        elif kind == "llama3":
            f, lo, hi = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
            old = scaling["original_max_position_embeddings"]
            wavelen = 2 * np.pi / inv_freq
            smooth = (old / wavelen - lo) / (hi - lo)
            blended = (1 - smooth) * inv_freq / f + smooth * inv_freq
            inv_freq = np.where(wavelen > old / lo, inv_freq / f, np.where(wavelen < old / hi, inv_freq, blended))
        elif kind == "yarn":
            f = scaling["factor"]
            original = max_pos
            if "original_max_position_embeddings" in scaling:
                original = scaling["original_max_position_embeddings"]
                f = max_pos / original

            def mscale(scale, m=1.0):
                return 1.0 if scale <= 1 else 0.1 * m * np.log(scale) + 1.0

            attention_factor = scaling.get("attention_factor")
            if attention_factor is None:
                if scaling.get("mscale") and scaling.get("mscale_all_dim"):
                    attention_factor = mscale(f, scaling["mscale"]) / mscale(f, scaling["mscale_all_dim"])
                else:
                    attention_factor = mscale(f)

            def correction_dim(rotations):
                return dim * np.log(original / (rotations * 2 * np.pi)) / (2 * np.log(theta))

            low = correction_dim(scaling.get("beta_fast") or 32)
            high = correction_dim(scaling.get("beta_slow") or 1)
            if scaling.get("truncate", True):
                low, high = np.floor(low), np.ceil(high)
            low, high = max(low, 0), min(high, dim - 1)
            if low == high:
                high += 0.001
            ramp = np.clip((np.arange(dim // 2, dtype=np.float64) - low) / (high - low), 0, 1)
            keep = 1 - ramp  # weight of the unscaled (extrapolated) frequency
            inv_freq = (1.0 / (f * theta ** exponents)) * ramp + (1.0 / theta ** exponents) * keep
        elif kind != "default":
            raise ValueError(f"unsupported rope_scaling {kind}")
        freqs = np.outer(np.arange(length, dtype=np.float64), inv_freq)
        emb = np.concatenate([freqs, freqs], axis=-1)
        return np.cos(emb) * attention_factor, np.sin(emb) * attention_factor

    @staticmethod
    def rotate_half(x):
        half = x.shape[-1] // 2
        return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)

    def attention(self, x, prefix, cos, sin):
        t = x.shape[0]
        q = self.linear(x, prefix + "q_proj").reshape(t, self.heads, self.head_dim).transpose(1, 0, 2)
        k = self.linear(x, prefix + "k_proj").reshape(t, self.kv_heads, self.head_dim).transpose(1, 0, 2)
        v = self.linear(x, prefix + "v_proj").reshape(t, self.kv_heads, self.head_dim).transpose(1, 0, 2)
        q = q * cos + self.rotate_half(q) * sin
        k = k * cos + self.rotate_half(k) * sin
        groups = self.heads // self.kv_heads
        k = np.repeat(k, groups, axis=0)  # query head h reads key/value head h // groups, like HF repeat_kv
        v = np.repeat(v, groups, axis=0)
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(self.head_dim)
        scores = np.where(np.tril(np.ones((t, t), dtype=bool)), scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs = probs / probs.sum(axis=-1, keepdims=True)
        out = (probs @ v).transpose(1, 0, 2).reshape(t, self.heads * self.head_dim)
        return self.linear(out, prefix + "o_proj")

    def mlp(self, x, prefix):
        gate = self.linear(x, prefix + "gate_proj")
        silu = gate / (1.0 + np.exp(-gate))
        return self.linear(silu * self.linear(x, prefix + "up_proj"), prefix + "down_proj")

    def forward(self, ids):
        h = self.w["model.embed_tokens.weight"][np.array(ids)]
        cos, sin = self.rope(len(ids))
        for layer in range(self.cfg["num_hidden_layers"]):
            p = f"model.layers.{layer}."
            h = h + self.attention(self.rms_norm(h, p + "input_layernorm.weight"), p + "self_attn.", cos, sin)
            h = h + self.mlp(self.rms_norm(h, p + "post_attention_layernorm.weight"), p + "mlp.")
        h = self.rms_norm(h, "model.norm.weight")
        head = self.w.get("lm_head.weight")
        if head is None or self.cfg.get("tie_word_embeddings"):
            head = self.w["model.embed_tokens.weight"]
        return h @ head.T

    def greedy(self, ids, new_tokens):
        context = list(ids)
        for _ in range(new_tokens):
            context.append(int(np.argmax(self.forward(context)[-1])))
        return context[len(ids):]


def main(argv):
    model_dir, adapter_dir, ids, new_tokens = argv[1], argv[2], argv[3], int(argv[4])
    ref = Qwen2Reference(model_dir, None if adapter_dir == "-" else adapter_dir)
    ids = [int(t) for t in ids.split(",")]
    json.dump({"logits": ref.forward(ids).tolist(), "greedy": ref.greedy(ids, new_tokens)}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
