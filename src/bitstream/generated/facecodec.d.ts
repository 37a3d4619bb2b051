import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace facecodec. */
export namespace facecodec {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a QuantizerSpec.
         * @deprecated Use facecodec.v1.QuantizerSpec.$Properties instead.
         */
        interface IQuantizerSpec extends facecodec.v1.QuantizerSpec.$Properties {
        }

        /** Represents a QuantizerSpec. */
        class QuantizerSpec {

            /**
             * Constructs a new QuantizerSpec.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.QuantizerSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** QuantizerSpec min. */
            min: number;

            /** QuantizerSpec max. */
            max: number;

            /** QuantizerSpec bits. */
            bits: number;

            /**
             * Creates a new QuantizerSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns QuantizerSpec instance
             */
            static create(properties: facecodec.v1.QuantizerSpec.$Shape): facecodec.v1.QuantizerSpec & facecodec.v1.QuantizerSpec.$Shape;
            static create(properties?: facecodec.v1.QuantizerSpec.$Properties): facecodec.v1.QuantizerSpec;

            /**
             * Encodes the specified QuantizerSpec message. Does not implicitly {@link facecodec.v1.QuantizerSpec.verify|verify} messages.
             * @param m QuantizerSpec message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.QuantizerSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a QuantizerSpec message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.QuantizerSpec & facecodec.v1.QuantizerSpec.$Shape} QuantizerSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.QuantizerSpec & facecodec.v1.QuantizerSpec.$Shape;

            /**
             * Creates a QuantizerSpec message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns QuantizerSpec
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.QuantizerSpec;

            /**
             * Creates a plain object from a QuantizerSpec message. Also converts values to other types if specified.
             * @param m QuantizerSpec
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.QuantizerSpec, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this QuantizerSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for QuantizerSpec
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace QuantizerSpec {

            /** Properties of a QuantizerSpec. */
            interface $Properties {

                /** QuantizerSpec min */
                min?: (number|null);

                /** QuantizerSpec max */
                max?: (number|null);

                /** QuantizerSpec bits */
                bits?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a QuantizerSpec. */
            type $Shape = facecodec.v1.QuantizerSpec.$Properties;
        }

        /** EntropyCoding enum. */
        enum EntropyCoding {

            /** ENTROPY_CODING_RANGE value */
            ENTROPY_CODING_RANGE = 0,

            /** ENTROPY_CODING_FIXED value */
            ENTROPY_CODING_FIXED = 1
        }

        /**
         * Properties of a Profile.
         * @deprecated Use facecodec.v1.Profile.$Properties instead.
         */
        interface IProfile extends facecodec.v1.Profile.$Properties {
        }

        /** Represents a Profile. */
        class Profile {

            /**
             * Constructs a new Profile.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.Profile.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Profile landmarkIds. */
            landmarkIds: number[];

            /** Profile expressionDims. */
            expressionDims: number;

            /** Profile sendJaw. */
            sendJaw: boolean;

            /** Profile keypointMm. */
            keypointMm?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /** Profile expression. */
            expression?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /** Profile jawRad. */
            jawRad?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /** Profile rotationRad. */
            rotationRad?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /** Profile translationPx. */
            translationPx?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /** Profile scalePxPerMm. */
            scalePxPerMm?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /** Profile coding. */
            coding: facecodec.v1.EntropyCoding;

            /** Profile intraInterval. */
            intraInterval: number;

            /** Profile learnedKeypoints. */
            learnedKeypoints: number;

            /** Profile sendEyes. */
            sendEyes: boolean;

            /** Profile eyeState. */
            eyeState?: (facecodec.v1.QuantizerSpec.$Properties|null);

            /**
             * Creates a new Profile instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Profile instance
             */
            static create(properties: facecodec.v1.Profile.$Shape): facecodec.v1.Profile & facecodec.v1.Profile.$Shape;
            static create(properties?: facecodec.v1.Profile.$Properties): facecodec.v1.Profile;

            /**
             * Encodes the specified Profile message. Does not implicitly {@link facecodec.v1.Profile.verify|verify} messages.
             * @param m Profile message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.Profile.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Profile message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.Profile & facecodec.v1.Profile.$Shape} Profile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.Profile & facecodec.v1.Profile.$Shape;

            /**
             * Creates a Profile message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Profile
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.Profile;

            /**
             * Creates a plain object from a Profile message. Also converts values to other types if specified.
             * @param m Profile
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.Profile, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Profile to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Profile
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Profile {

            /** Properties of a Profile. */
            interface $Properties {

                /** Profile landmarkIds */
                landmarkIds?: (number[]|null);

                /** Profile expressionDims */
                expressionDims?: (number|null);

                /** Profile sendJaw */
                sendJaw?: (boolean|null);

                /** Profile keypointMm */
                keypointMm?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Profile expression */
                expression?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Profile jawRad */
                jawRad?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Profile rotationRad */
                rotationRad?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Profile translationPx */
                translationPx?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Profile scalePxPerMm */
                scalePxPerMm?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Profile coding */
                coding?: (facecodec.v1.EntropyCoding|null);

                /** Profile intraInterval */
                intraInterval?: (number|null);

                /** Profile learnedKeypoints */
                learnedKeypoints?: (number|null);

                /** Profile sendEyes */
                sendEyes?: (boolean|null);

                /** Profile eyeState */
                eyeState?: (facecodec.v1.QuantizerSpec.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Profile. */
            type $Shape = facecodec.v1.Profile.$Properties;
        }

        /**
         * Properties of a StreamHeader.
         * @deprecated Use facecodec.v1.StreamHeader.$Properties instead.
         */
        interface IStreamHeader extends facecodec.v1.StreamHeader.$Properties {
        }

        /** Represents a StreamHeader. */
        class StreamHeader {

            /**
             * Constructs a new StreamHeader.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.StreamHeader.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StreamHeader formatVersion. */
            formatVersion: number;

            /** StreamHeader profile. */
            profile?: (facecodec.v1.Profile.$Properties|null);

            /** StreamHeader faceModelId. */
            faceModelId: string;

            /** StreamHeader faceModelHash. */
            faceModelHash: Uint8Array;

            /** StreamHeader modelExpressionDims. */
            modelExpressionDims: number;

            /** StreamHeader frameRateHz. */
            frameRateHz: number;

            /** StreamHeader cropWidth. */
            cropWidth: number;

            /** StreamHeader cropHeight. */
            cropHeight: number;

            /** StreamHeader profileId. */
            profileId: number;

            /** StreamHeader displayRateHz. */
            displayRateHz: number;

            /**
             * Creates a new StreamHeader instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamHeader instance
             */
            static create(properties: facecodec.v1.StreamHeader.$Shape): facecodec.v1.StreamHeader & facecodec.v1.StreamHeader.$Shape;
            static create(properties?: facecodec.v1.StreamHeader.$Properties): facecodec.v1.StreamHeader;

            /**
             * Encodes the specified StreamHeader message. Does not implicitly {@link facecodec.v1.StreamHeader.verify|verify} messages.
             * @param m StreamHeader message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.StreamHeader.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamHeader message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.StreamHeader & facecodec.v1.StreamHeader.$Shape} StreamHeader
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.StreamHeader & facecodec.v1.StreamHeader.$Shape;

            /**
             * Creates a StreamHeader message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns StreamHeader
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.StreamHeader;

            /**
             * Creates a plain object from a StreamHeader message. Also converts values to other types if specified.
             * @param m StreamHeader
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.StreamHeader, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StreamHeader to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StreamHeader
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StreamHeader {

            /** Properties of a StreamHeader. */
            interface $Properties {

                /** StreamHeader formatVersion */
                formatVersion?: (number|null);

                /** StreamHeader profile */
                profile?: (facecodec.v1.Profile.$Properties|null);

                /** StreamHeader faceModelId */
                faceModelId?: (string|null);

                /** StreamHeader faceModelHash */
                faceModelHash?: (Uint8Array|null);

                /** StreamHeader modelExpressionDims */
                modelExpressionDims?: (number|null);

                /** StreamHeader frameRateHz */
                frameRateHz?: (number|null);

                /** StreamHeader cropWidth */
                cropWidth?: (number|null);

                /** StreamHeader cropHeight */
                cropHeight?: (number|null);

                /** StreamHeader profileId */
                profileId?: (number|null);

                /** StreamHeader displayRateHz */
                displayRateHz?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StreamHeader. */
            type $Shape = facecodec.v1.StreamHeader.$Properties;
        }

        /** ImageFormat enum. */
        enum ImageFormat {

            /** IMAGE_FORMAT_JPEG value */
            IMAGE_FORMAT_JPEG = 0,

            /** IMAGE_FORMAT_PNG value */
            IMAGE_FORMAT_PNG = 1,

            /** IMAGE_FORMAT_WEBP value */
            IMAGE_FORMAT_WEBP = 2,

            /** IMAGE_FORMAT_AVIF value */
            IMAGE_FORMAT_AVIF = 3
        }

        /**
         * Properties of a FaceParams.
         * @deprecated Use facecodec.v1.FaceParams.$Properties instead.
         */
        interface IFaceParams extends facecodec.v1.FaceParams.$Properties {
        }

        /** Represents a FaceParams. */
        class FaceParams {

            /**
             * Constructs a new FaceParams.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.FaceParams.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FaceParams shape. */
            shape: number[];

            /** FaceParams expression. */
            expression: number[];

            /** FaceParams jawRad. */
            jawRad: number[];

            /** FaceParams eyesRad. */
            eyesRad: number[];

            /** FaceParams rotationRad. */
            rotationRad: number[];

            /** FaceParams translationPx. */
            translationPx: number[];

            /** FaceParams scalePxPerMm. */
            scalePxPerMm: number;

            /** FaceParams keypointsMm. */
            keypointsMm: number[];

            /** FaceParams learnedKeypoints. */
            learnedKeypoints: number[];

            /** FaceParams eyeState. */
            eyeState: number[];

            /**
             * Creates a new FaceParams instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FaceParams instance
             */
            static create(properties: facecodec.v1.FaceParams.$Shape): facecodec.v1.FaceParams & facecodec.v1.FaceParams.$Shape;
            static create(properties?: facecodec.v1.FaceParams.$Properties): facecodec.v1.FaceParams;

            /**
             * Encodes the specified FaceParams message. Does not implicitly {@link facecodec.v1.FaceParams.verify|verify} messages.
             * @param m FaceParams message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.FaceParams.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FaceParams message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.FaceParams & facecodec.v1.FaceParams.$Shape} FaceParams
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.FaceParams & facecodec.v1.FaceParams.$Shape;

            /**
             * Creates a FaceParams message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns FaceParams
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.FaceParams;

            /**
             * Creates a plain object from a FaceParams message. Also converts values to other types if specified.
             * @param m FaceParams
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.FaceParams, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FaceParams to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for FaceParams
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace FaceParams {

            /** Properties of a FaceParams. */
            interface $Properties {

                /** FaceParams shape */
                shape?: (number[]|null);

                /** FaceParams expression */
                expression?: (number[]|null);

                /** FaceParams jawRad */
                jawRad?: (number[]|null);

                /** FaceParams eyesRad */
                eyesRad?: (number[]|null);

                /** FaceParams rotationRad */
                rotationRad?: (number[]|null);

                /** FaceParams translationPx */
                translationPx?: (number[]|null);

                /** FaceParams scalePxPerMm */
                scalePxPerMm?: (number|null);

                /** FaceParams keypointsMm */
                keypointsMm?: (number[]|null);

                /** FaceParams learnedKeypoints */
                learnedKeypoints?: (number[]|null);

                /** FaceParams eyeState */
                eyeState?: (number[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FaceParams. */
            type $Shape = facecodec.v1.FaceParams.$Properties;
        }

        /**
         * Properties of a Keyframe.
         * @deprecated Use facecodec.v1.Keyframe.$Properties instead.
         */
        interface IKeyframe extends facecodec.v1.Keyframe.$Properties {
        }

        /** Represents a Keyframe. */
        class Keyframe {

            /**
             * Constructs a new Keyframe.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.Keyframe.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Keyframe id. */
            id: number;

            /** Keyframe width. */
            width: number;

            /** Keyframe height. */
            height: number;

            /** Keyframe format. */
            format: facecodec.v1.ImageFormat;

            /** Keyframe image. */
            image: Uint8Array;

            /** Keyframe params. */
            params?: (facecodec.v1.FaceParams.$Properties|null);

            /** Keyframe timestampMs. */
            timestampMs: number;

            /** Keyframe personMatte. */
            personMatte: Uint8Array;

            /**
             * Creates a new Keyframe instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Keyframe instance
             */
            static create(properties: facecodec.v1.Keyframe.$Shape): facecodec.v1.Keyframe & facecodec.v1.Keyframe.$Shape;
            static create(properties?: facecodec.v1.Keyframe.$Properties): facecodec.v1.Keyframe;

            /**
             * Encodes the specified Keyframe message. Does not implicitly {@link facecodec.v1.Keyframe.verify|verify} messages.
             * @param m Keyframe message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.Keyframe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Keyframe message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.Keyframe & facecodec.v1.Keyframe.$Shape} Keyframe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.Keyframe & facecodec.v1.Keyframe.$Shape;

            /**
             * Creates a Keyframe message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Keyframe
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.Keyframe;

            /**
             * Creates a plain object from a Keyframe message. Also converts values to other types if specified.
             * @param m Keyframe
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.Keyframe, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Keyframe to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Keyframe
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Keyframe {

            /** Properties of a Keyframe. */
            interface $Properties {

                /** Keyframe id */
                id?: (number|null);

                /** Keyframe width */
                width?: (number|null);

                /** Keyframe height */
                height?: (number|null);

                /** Keyframe format */
                format?: (facecodec.v1.ImageFormat|null);

                /** Keyframe image */
                image?: (Uint8Array|null);

                /** Keyframe params */
                params?: (facecodec.v1.FaceParams.$Properties|null);

                /** Keyframe timestampMs */
                timestampMs?: (number|null);

                /** Keyframe personMatte */
                personMatte?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Keyframe. */
            type $Shape = facecodec.v1.Keyframe.$Properties;
        }

        /**
         * Properties of a FramePacket.
         * @deprecated Use facecodec.v1.FramePacket.$Properties instead.
         */
        interface IFramePacket extends facecodec.v1.FramePacket.$Properties {
        }

        /** Represents a FramePacket. */
        class FramePacket {

            /**
             * Constructs a new FramePacket.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.FramePacket.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FramePacket sequence. */
            sequence: number;

            /** FramePacket intra. */
            intra?: (Uint8Array|null);

            /** FramePacket predicted. */
            predicted?: (Uint8Array|null);

            /** FramePacket referenceSkip. */
            referenceSkip: number;

            /** FramePacket keyframeId. */
            keyframeId: number;

            /** FramePacket timestampMs. */
            timestampMs: number;

            /** FramePacket timeOffsetMs. */
            timeOffsetMs: number;

            /** FramePacket profileId. */
            profileId: number;

            /** FramePacket payload. */
            payload?: ("intra"|"predicted");

            /**
             * Creates a new FramePacket instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FramePacket instance
             */
            static create(properties: facecodec.v1.FramePacket.$Shape): facecodec.v1.FramePacket & facecodec.v1.FramePacket.$Shape;
            static create(properties?: facecodec.v1.FramePacket.$Properties): facecodec.v1.FramePacket;

            /**
             * Encodes the specified FramePacket message. Does not implicitly {@link facecodec.v1.FramePacket.verify|verify} messages.
             * @param m FramePacket message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.FramePacket.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FramePacket message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.FramePacket & facecodec.v1.FramePacket.$Shape} FramePacket
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.FramePacket & facecodec.v1.FramePacket.$Shape;

            /**
             * Creates a FramePacket message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns FramePacket
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.FramePacket;

            /**
             * Creates a plain object from a FramePacket message. Also converts values to other types if specified.
             * @param m FramePacket
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.FramePacket, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FramePacket to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for FramePacket
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace FramePacket {

            /** Properties of a FramePacket. */
            interface $Properties {

                /** FramePacket sequence */
                sequence?: (number|null);

                /** FramePacket intra */
                intra?: (Uint8Array|null);

                /** FramePacket predicted */
                predicted?: (Uint8Array|null);

                /** FramePacket referenceSkip */
                referenceSkip?: (number|null);

                /** FramePacket keyframeId */
                keyframeId?: (number|null);

                /** FramePacket timestampMs */
                timestampMs?: (number|null);

                /** FramePacket timeOffsetMs */
                timeOffsetMs?: (number|null);

                /** FramePacket profileId */
                profileId?: (number|null);

                /** FramePacket payload */
                payload?: ("intra"|"predicted");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a FramePacket. */
            type $Shape = {
              sequence?: number|null;
              intra?: Uint8Array|null;
              predicted?: Uint8Array|null;
              referenceSkip?: number|null;
              keyframeId?: number|null;
              timestampMs?: number|null;
              timeOffsetMs?: number|null;
              profileId?: number|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; intra?: null; predicted?: null }|{ payload?: "intra"; intra: Uint8Array; predicted?: null }|{ payload?: "predicted"; intra?: null; predicted: Uint8Array })
            );
        }

        /**
         * Properties of a FrameBundle.
         * @deprecated Use facecodec.v1.FrameBundle.$Properties instead.
         */
        interface IFrameBundle extends facecodec.v1.FrameBundle.$Properties {
        }

        /** Represents a FrameBundle. */
        class FrameBundle {

            /**
             * Constructs a new FrameBundle.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.FrameBundle.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FrameBundle packets. */
            packets: Uint8Array[];

            /**
             * Creates a new FrameBundle instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FrameBundle instance
             */
            static create(properties: facecodec.v1.FrameBundle.$Shape): facecodec.v1.FrameBundle & facecodec.v1.FrameBundle.$Shape;
            static create(properties?: facecodec.v1.FrameBundle.$Properties): facecodec.v1.FrameBundle;

            /**
             * Encodes the specified FrameBundle message. Does not implicitly {@link facecodec.v1.FrameBundle.verify|verify} messages.
             * @param m FrameBundle message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.FrameBundle.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FrameBundle message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.FrameBundle & facecodec.v1.FrameBundle.$Shape} FrameBundle
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.FrameBundle & facecodec.v1.FrameBundle.$Shape;

            /**
             * Creates a FrameBundle message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns FrameBundle
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.FrameBundle;

            /**
             * Creates a plain object from a FrameBundle message. Also converts values to other types if specified.
             * @param m FrameBundle
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.FrameBundle, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FrameBundle to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for FrameBundle
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace FrameBundle {

            /** Properties of a FrameBundle. */
            interface $Properties {

                /** FrameBundle packets */
                packets?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FrameBundle. */
            type $Shape = facecodec.v1.FrameBundle.$Properties;
        }

        /**
         * Properties of a KeyframeRequest.
         * @deprecated Use facecodec.v1.KeyframeRequest.$Properties instead.
         */
        interface IKeyframeRequest extends facecodec.v1.KeyframeRequest.$Properties {
        }

        /** Represents a KeyframeRequest. */
        class KeyframeRequest {

            /**
             * Constructs a new KeyframeRequest.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.KeyframeRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KeyframeRequest lastGoodSequence. */
            lastGoodSequence: number;

            /** KeyframeRequest reason. */
            reason: string;

            /**
             * Creates a new KeyframeRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KeyframeRequest instance
             */
            static create(properties: facecodec.v1.KeyframeRequest.$Shape): facecodec.v1.KeyframeRequest & facecodec.v1.KeyframeRequest.$Shape;
            static create(properties?: facecodec.v1.KeyframeRequest.$Properties): facecodec.v1.KeyframeRequest;

            /**
             * Encodes the specified KeyframeRequest message. Does not implicitly {@link facecodec.v1.KeyframeRequest.verify|verify} messages.
             * @param m KeyframeRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.KeyframeRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KeyframeRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.KeyframeRequest & facecodec.v1.KeyframeRequest.$Shape} KeyframeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.KeyframeRequest & facecodec.v1.KeyframeRequest.$Shape;

            /**
             * Creates a KeyframeRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns KeyframeRequest
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.KeyframeRequest;

            /**
             * Creates a plain object from a KeyframeRequest message. Also converts values to other types if specified.
             * @param m KeyframeRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.KeyframeRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KeyframeRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KeyframeRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KeyframeRequest {

            /** Properties of a KeyframeRequest. */
            interface $Properties {

                /** KeyframeRequest lastGoodSequence */
                lastGoodSequence?: (number|null);

                /** KeyframeRequest reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KeyframeRequest. */
            type $Shape = facecodec.v1.KeyframeRequest.$Properties;
        }

        /**
         * Properties of a ProfileChange.
         * @deprecated Use facecodec.v1.ProfileChange.$Properties instead.
         */
        interface IProfileChange extends facecodec.v1.ProfileChange.$Properties {
        }

        /** Represents a ProfileChange. */
        class ProfileChange {

            /**
             * Constructs a new ProfileChange.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.ProfileChange.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ProfileChange profileId. */
            profileId: number;

            /** ProfileChange profile. */
            profile?: (facecodec.v1.Profile.$Properties|null);

            /**
             * Creates a new ProfileChange instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ProfileChange instance
             */
            static create(properties: facecodec.v1.ProfileChange.$Shape): facecodec.v1.ProfileChange & facecodec.v1.ProfileChange.$Shape;
            static create(properties?: facecodec.v1.ProfileChange.$Properties): facecodec.v1.ProfileChange;

            /**
             * Encodes the specified ProfileChange message. Does not implicitly {@link facecodec.v1.ProfileChange.verify|verify} messages.
             * @param m ProfileChange message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.ProfileChange.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ProfileChange message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.ProfileChange & facecodec.v1.ProfileChange.$Shape} ProfileChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.ProfileChange & facecodec.v1.ProfileChange.$Shape;

            /**
             * Creates a ProfileChange message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ProfileChange
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.ProfileChange;

            /**
             * Creates a plain object from a ProfileChange message. Also converts values to other types if specified.
             * @param m ProfileChange
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.ProfileChange, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ProfileChange to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ProfileChange
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ProfileChange {

            /** Properties of a ProfileChange. */
            interface $Properties {

                /** ProfileChange profileId */
                profileId?: (number|null);

                /** ProfileChange profile */
                profile?: (facecodec.v1.Profile.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ProfileChange. */
            type $Shape = facecodec.v1.ProfileChange.$Properties;
        }

        /**
         * Properties of a ReceiverStats.
         * @deprecated Use facecodec.v1.ReceiverStats.$Properties instead.
         */
        interface IReceiverStats extends facecodec.v1.ReceiverStats.$Properties {
        }

        /** Represents a ReceiverStats. */
        class ReceiverStats {

            /**
             * Constructs a new ReceiverStats.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.ReceiverStats.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ReceiverStats framesReceived. */
            framesReceived: number;

            /** ReceiverStats framesLost. */
            framesLost: number;

            /** ReceiverStats framesDropped. */
            framesDropped: number;

            /** ReceiverStats lossFraction. */
            lossFraction: number;

            /** ReceiverStats delayMsP50. */
            delayMsP50: number;

            /** ReceiverStats delayMsP95. */
            delayMsP95: number;

            /** ReceiverStats receiveKbps. */
            receiveKbps: number;

            /** ReceiverStats keyframeIds. */
            keyframeIds: number[];

            /**
             * Creates a new ReceiverStats instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReceiverStats instance
             */
            static create(properties: facecodec.v1.ReceiverStats.$Shape): facecodec.v1.ReceiverStats & facecodec.v1.ReceiverStats.$Shape;
            static create(properties?: facecodec.v1.ReceiverStats.$Properties): facecodec.v1.ReceiverStats;

            /**
             * Encodes the specified ReceiverStats message. Does not implicitly {@link facecodec.v1.ReceiverStats.verify|verify} messages.
             * @param m ReceiverStats message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.ReceiverStats.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReceiverStats message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.ReceiverStats & facecodec.v1.ReceiverStats.$Shape} ReceiverStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.ReceiverStats & facecodec.v1.ReceiverStats.$Shape;

            /**
             * Creates a ReceiverStats message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ReceiverStats
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.ReceiverStats;

            /**
             * Creates a plain object from a ReceiverStats message. Also converts values to other types if specified.
             * @param m ReceiverStats
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.ReceiverStats, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReceiverStats to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ReceiverStats
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReceiverStats {

            /** Properties of a ReceiverStats. */
            interface $Properties {

                /** ReceiverStats framesReceived */
                framesReceived?: (number|null);

                /** ReceiverStats framesLost */
                framesLost?: (number|null);

                /** ReceiverStats framesDropped */
                framesDropped?: (number|null);

                /** ReceiverStats lossFraction */
                lossFraction?: (number|null);

                /** ReceiverStats delayMsP50 */
                delayMsP50?: (number|null);

                /** ReceiverStats delayMsP95 */
                delayMsP95?: (number|null);

                /** ReceiverStats receiveKbps */
                receiveKbps?: (number|null);

                /** ReceiverStats keyframeIds */
                keyframeIds?: (number[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReceiverStats. */
            type $Shape = facecodec.v1.ReceiverStats.$Properties;
        }

        /**
         * Properties of a Control.
         * @deprecated Use facecodec.v1.Control.$Properties instead.
         */
        interface IControl extends facecodec.v1.Control.$Properties {
        }

        /** Represents a Control. */
        class Control {

            /**
             * Constructs a new Control.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.Control.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Control keyframeRequest. */
            keyframeRequest?: (facecodec.v1.KeyframeRequest.$Properties|null);

            /** Control profileChange. */
            profileChange?: (facecodec.v1.ProfileChange.$Properties|null);

            /** Control receiverStats. */
            receiverStats?: (facecodec.v1.ReceiverStats.$Properties|null);

            /** Control kind. */
            kind?: ("keyframeRequest"|"profileChange"|"receiverStats");

            /**
             * Creates a new Control instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Control instance
             */
            static create(properties: facecodec.v1.Control.$Shape): facecodec.v1.Control & facecodec.v1.Control.$Shape;
            static create(properties?: facecodec.v1.Control.$Properties): facecodec.v1.Control;

            /**
             * Encodes the specified Control message. Does not implicitly {@link facecodec.v1.Control.verify|verify} messages.
             * @param m Control message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.Control.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Control message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.Control & facecodec.v1.Control.$Shape} Control
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.Control & facecodec.v1.Control.$Shape;

            /**
             * Creates a Control message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Control
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.Control;

            /**
             * Creates a plain object from a Control message. Also converts values to other types if specified.
             * @param m Control
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.Control, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Control to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Control
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Control {

            /** Properties of a Control. */
            interface $Properties {

                /** Control keyframeRequest */
                keyframeRequest?: (facecodec.v1.KeyframeRequest.$Properties|null);

                /** Control profileChange */
                profileChange?: (facecodec.v1.ProfileChange.$Properties|null);

                /** Control receiverStats */
                receiverStats?: (facecodec.v1.ReceiverStats.$Properties|null);

                /** Control kind */
                kind?: ("keyframeRequest"|"profileChange"|"receiverStats");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Control. */
            type $Shape = {
              keyframeRequest?: facecodec.v1.KeyframeRequest.$Shape|null;
              profileChange?: facecodec.v1.ProfileChange.$Shape|null;
              receiverStats?: facecodec.v1.ReceiverStats.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; keyframeRequest?: null; profileChange?: null; receiverStats?: null }|{ kind?: "keyframeRequest"; keyframeRequest: facecodec.v1.KeyframeRequest.$Shape; profileChange?: null; receiverStats?: null }|{ kind?: "profileChange"; keyframeRequest?: null; profileChange: facecodec.v1.ProfileChange.$Shape; receiverStats?: null }|{ kind?: "receiverStats"; keyframeRequest?: null; profileChange?: null; receiverStats: facecodec.v1.ReceiverStats.$Shape })
            );
        }

        /**
         * Properties of a MouthReference.
         * @deprecated Use facecodec.v1.MouthReference.$Properties instead.
         */
        interface IMouthReference extends facecodec.v1.MouthReference.$Properties {
        }

        /** Represents a MouthReference. */
        class MouthReference {

            /**
             * Constructs a new MouthReference.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.MouthReference.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MouthReference keyframeId. */
            keyframeId: number;

            /** MouthReference format. */
            format: facecodec.v1.ImageFormat;

            /** MouthReference image. */
            image: Uint8Array;

            /** MouthReference x. */
            x: number;

            /** MouthReference y. */
            y: number;

            /** MouthReference width. */
            width: number;

            /** MouthReference height. */
            height: number;

            /** MouthReference innerLip. */
            innerLip: number[];

            /**
             * Creates a new MouthReference instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MouthReference instance
             */
            static create(properties: facecodec.v1.MouthReference.$Shape): facecodec.v1.MouthReference & facecodec.v1.MouthReference.$Shape;
            static create(properties?: facecodec.v1.MouthReference.$Properties): facecodec.v1.MouthReference;

            /**
             * Encodes the specified MouthReference message. Does not implicitly {@link facecodec.v1.MouthReference.verify|verify} messages.
             * @param m MouthReference message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.MouthReference.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MouthReference message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.MouthReference & facecodec.v1.MouthReference.$Shape} MouthReference
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.MouthReference & facecodec.v1.MouthReference.$Shape;

            /**
             * Creates a MouthReference message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns MouthReference
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.MouthReference;

            /**
             * Creates a plain object from a MouthReference message. Also converts values to other types if specified.
             * @param m MouthReference
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.MouthReference, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MouthReference to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for MouthReference
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MouthReference {

            /** Properties of a MouthReference. */
            interface $Properties {

                /** MouthReference keyframeId */
                keyframeId?: (number|null);

                /** MouthReference format */
                format?: (facecodec.v1.ImageFormat|null);

                /** MouthReference image */
                image?: (Uint8Array|null);

                /** MouthReference x */
                x?: (number|null);

                /** MouthReference y */
                y?: (number|null);

                /** MouthReference width */
                width?: (number|null);

                /** MouthReference height */
                height?: (number|null);

                /** MouthReference innerLip */
                innerLip?: (number[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MouthReference. */
            type $Shape = facecodec.v1.MouthReference.$Properties;
        }

        /**
         * Properties of an Envelope.
         * @deprecated Use facecodec.v1.Envelope.$Properties instead.
         */
        interface IEnvelope extends facecodec.v1.Envelope.$Properties {
        }

        /** Represents an Envelope. */
        class Envelope {

            /**
             * Constructs a new Envelope.
             * @param [p] Properties to set
             */
            constructor(p?: facecodec.v1.Envelope.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Envelope header. */
            header?: (facecodec.v1.StreamHeader.$Properties|null);

            /** Envelope keyframe. */
            keyframe?: (facecodec.v1.Keyframe.$Properties|null);

            /** Envelope frame. */
            frame?: (facecodec.v1.FramePacket.$Properties|null);

            /** Envelope control. */
            control?: (facecodec.v1.Control.$Properties|null);

            /** Envelope mouthReference. */
            mouthReference?: (facecodec.v1.MouthReference.$Properties|null);

            /** Envelope body. */
            body?: ("header"|"keyframe"|"frame"|"control"|"mouthReference");

            /**
             * Creates a new Envelope instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Envelope instance
             */
            static create(properties: facecodec.v1.Envelope.$Shape): facecodec.v1.Envelope & facecodec.v1.Envelope.$Shape;
            static create(properties?: facecodec.v1.Envelope.$Properties): facecodec.v1.Envelope;

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link facecodec.v1.Envelope.verify|verify} messages.
             * @param m Envelope message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: facecodec.v1.Envelope.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {facecodec.v1.Envelope & facecodec.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): facecodec.v1.Envelope & facecodec.v1.Envelope.$Shape;

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Envelope
             */
            static fromObject(d: { [k: string]: any }): facecodec.v1.Envelope;

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @param m Envelope
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: facecodec.v1.Envelope, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Envelope to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Envelope
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Envelope {

            /** Properties of an Envelope. */
            interface $Properties {

                /** Envelope header */
                header?: (facecodec.v1.StreamHeader.$Properties|null);

                /** Envelope keyframe */
                keyframe?: (facecodec.v1.Keyframe.$Properties|null);

                /** Envelope frame */
                frame?: (facecodec.v1.FramePacket.$Properties|null);

                /** Envelope control */
                control?: (facecodec.v1.Control.$Properties|null);

                /** Envelope mouthReference */
                mouthReference?: (facecodec.v1.MouthReference.$Properties|null);

                /** Envelope body */
                body?: ("header"|"keyframe"|"frame"|"control"|"mouthReference");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Envelope. */
            type $Shape = {
              header?: facecodec.v1.StreamHeader.$Shape|null;
              keyframe?: facecodec.v1.Keyframe.$Shape|null;
              frame?: facecodec.v1.FramePacket.$Shape|null;
              control?: facecodec.v1.Control.$Shape|null;
              mouthReference?: facecodec.v1.MouthReference.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; header?: null; keyframe?: null; frame?: null; control?: null; mouthReference?: null }|{ body?: "header"; header: facecodec.v1.StreamHeader.$Shape; keyframe?: null; frame?: null; control?: null; mouthReference?: null }|{ body?: "keyframe"; header?: null; keyframe: facecodec.v1.Keyframe.$Shape; frame?: null; control?: null; mouthReference?: null }|{ body?: "frame"; header?: null; keyframe?: null; frame: facecodec.v1.FramePacket.$Shape; control?: null; mouthReference?: null }|{ body?: "control"; header?: null; keyframe?: null; frame?: null; control: facecodec.v1.Control.$Shape; mouthReference?: null }|{ body?: "mouthReference"; header?: null; keyframe?: null; frame?: null; control?: null; mouthReference: facecodec.v1.MouthReference.$Shape })
            );
        }
    }
}
